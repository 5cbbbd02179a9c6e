#pragma once
/// Task status values stored in `tasks.status` (DB-05) and the terminal rule (DB-07).
///
/// Difference from the original (BUG-DB-01 fixed): `task_completed` with `retry=true`
/// maps to the non-terminal `completed_with_retry`, so a job is never declared finished
/// while a retry is still due.

#include <string_view>

namespace cloud_tasks::jobdb {

inline constexpr std::string_view kStatusPending = "pending";
inline constexpr std::string_view kStatusInQueueOriginal = "in_queue_original";
inline constexpr std::string_view kStatusCompleted = "completed";
inline constexpr std::string_view kStatusCompletedWithRetry = "completed_with_retry";
inline constexpr std::string_view kStatusException = "exception";
inline constexpr std::string_view kStatusExceptionWithRetry = "exception_with_retry";
inline constexpr std::string_view kStatusTimedOut = "timed_out";
inline constexpr std::string_view kStatusTimedOutWithRetry = "timed_out_with_retry";
inline constexpr std::string_view kStatusExitedWithoutStatus = "exited_without_status";
inline constexpr std::string_view kStatusExitedWithoutStatusWithRetry = "exited_without_status_with_retry";
/// Recognised as terminal, never written.
inline constexpr std::string_view kStatusFailed = "failed";

/// SQL list of the terminal statuses, for `status IN (...)` / `NOT IN (...)`.
inline constexpr std::string_view kTerminalStatusSqlList =
    "('completed', 'exception', 'timed_out', 'exited_without_status', 'failed')";

/// SQL condition "`status` is not terminal" written as `<>` comparisons: SQLite builds an
/// ephemeral table for every execution of a statement with a constant `NOT IN (...)` list,
/// which made the per-event UPDATE three times slower (measured with bench_jobdb).
inline constexpr std::string_view kStatusNotTerminalSql =
    "status <> 'completed' AND status <> 'exception' AND status <> 'timed_out' AND "
    "status <> 'exited_without_status' AND status <> 'failed'";

/// True for completed, exception, timed_out, exited_without_status and failed.
bool IsTerminalStatus(std::string_view status);

/// Event types written by workers (seed section 4.9).
inline constexpr std::string_view kEventTaskCompleted = "task_completed";
inline constexpr std::string_view kEventTaskException = "task_exception";
inline constexpr std::string_view kEventTaskTimedOut = "task_timed_out";
inline constexpr std::string_view kEventTaskExited = "task_exited";
inline constexpr std::string_view kEventNonFatalException = "non_fatal_exception";
inline constexpr std::string_view kEventFatalException = "fatal_exception";
inline constexpr std::string_view kEventSpotTermination = "spot_termination";
inline constexpr std::string_view kEventKeepAlive = "keep_alive";

/// The status a task event sets, or "" when `event_type` is not one of the four task
/// event types (task_completed, task_exception, task_timed_out, task_exited).
std::string_view StatusForEvent(std::string_view event_type, bool retry);

/// True for event types the job store knows (the four task events, the two exception
/// events, spot_termination and keep_alive).
bool IsKnownEventType(std::string_view event_type);

}  // namespace cloud_tasks::jobdb
