#pragma once
/// JobStore: the SQLite job database `<job_id>.db` (seed section 8), schema-compatible
/// with the original (see jobdb/schema.h for the layout and our additions).
///
/// The file is private (mode 0600, and SQLite gives -wal/-shm the same mode), in WAL
/// journal mode with synchronous=NORMAL and a busy timeout, so one writer (the manager)
/// and any number of readers (`status`, `monitor_event_queue`) in other processes can use
/// it at once; readers see each committed batch as a whole.
///
/// Writes are batched: each InsertTasks / MarkEnqueued / ApplyEvents call is one
/// transaction (BUG-DB-05). Callers stream their input in chunks of about
/// kDefaultBatchSize items.
///
/// Thread safety: every method locks an internal mutex, so one JobStore may be shared by
/// threads. Callbacks run with that lock held and must not call back into the store.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "core/time_util.h"
#include "jobdb/event_apply.h"
#include "jobdb/task_status.h"

namespace cloud_tasks::jobdb {

/// Rows per transaction that callers should aim for when streaming writes.
inline constexpr size_t kDefaultBatchSize = 10000;

enum class OpenMode {
  /// Create a new file. AlreadyExists if it exists, unless `replace_existing` (then the
  /// file and its -wal/-shm/-journal companions are deleted first: the caller decided).
  kCreate,
  /// Open an existing file for reading and writing; NotFound if it does not exist.
  /// Files written by the original are upgraded in place (see schema.h).
  kOpenExisting,
  /// Open an existing file read-only; NotFound if it does not exist. Write methods fail.
  kReadOnly,
};

struct JobStoreOptions {
  std::string path{};
  OpenMode mode = OpenMode::kOpenExisting;
  bool replace_existing = false;  ///< kCreate only
  std::chrono::milliseconds busy_timeout{10000};
  int cache_mib = 32;                         ///< SQLite page cache of this connection
  std::function<SystemTime()> now = &NowUtc;  ///< clock for enqueued_at/started_at/reports
};

/// A task to insert: `data_json` is the task's `data` object as JSON text.
struct NewTask {
  std::string task_id;
  std::string data_json;
};

/// One `tasks` row; NULL columns are nullopt.
struct TaskRow {
  std::string task_id;
  std::optional<std::string> data_json;
  std::string status;
  std::optional<bool> retry;
  std::optional<std::string> enqueued_at;
  std::optional<std::string> started_at;
  std::optional<std::string> completed_at;
  std::optional<double> elapsed_time;
  std::optional<std::string> hostname;
  std::optional<std::string> result_json;
  std::optional<std::string> exception;
  std::optional<int64_t> exit_code;
};

/// A page of (task_id, data) in insertion order; pass `next_cursor` to get the next one.
struct TaskPage {
  std::vector<NewTask> tasks;
  int64_t next_cursor = 0;
};

/// Elapsed times (seconds) of tasks that have one, unsorted.
struct ElapsedSamples {
  std::vector<double> completed;  ///< status `completed` only
  std::vector<double> all;        ///< every status
};

struct ExceptionCount {
  std::string text;
  int64_t count = 0;
};

/// min(enqueued_at) and max(completed_at) over all tasks, as stored.
struct TaskTimeRange {
  std::optional<std::string> first_enqueued_at;
  std::optional<std::string> last_completed_at;
};

/// Callback for streamed (task_id, data JSON) rows; views are valid during the call.
/// Returning an error stops the scan and is returned to the caller.
using TaskVisitor = std::function<Status(std::string_view task_id, std::string_view data_json)>;
/// Callback for streamed `raw_event` texts.
using RawEventVisitor = std::function<Status(std::string_view raw_event)>;

class JobStore {
 public:
  /// Opens or creates the database per `options.mode`. Errors name the file.
  static Result<std::unique_ptr<JobStore>> Open(JobStoreOptions options);
  ~JobStore();
  JobStore(const JobStore&) = delete;
  JobStore& operator=(const JobStore&) = delete;

  const std::string& path() const;
  bool read_only() const;
  /// The store's clock (JobStoreOptions::now).
  SystemTime Now() const;

  // ---- writes (FailedPrecondition on a read-only store) ----

  /// Inserts `tasks` with status `pending` and enqueued_at = now, in one transaction.
  /// A task_id that already exists (in the file or earlier in `tasks`) → AlreadyExists
  /// naming it, and nothing of this call is stored. An empty task_id or `data_json`
  /// that is not valid JSON → InvalidArgument, nothing stored.
  Status InsertTasks(std::span<const NewTask> tasks);

  /// Moves each listed task from `pending` to `in_queue_original` and sets started_at =
  /// now, in one transaction. Tasks in any other status (or unknown) are left alone.
  /// Returns the number of rows changed.
  Result<int64_t> MarkEnqueued(std::span<const std::string> task_ids);

  /// Records a batch of events in one transaction (DB-06 with BUG-DB-01/04 fixed):
  /// keep-alives are skipped; an event identical to one already stored (same task_id and
  /// same raw JSON text — the text as received on the text paths, the compact
  /// serialisation for Json input) is ignored as a redelivery; every other valid event
  /// is stored in `events`; a task event moves its row unless the row is already
  /// terminal. A malformed event is reported in ApplyStats::errors and does
  /// not affect the rest of the batch. An SQL failure rolls the whole batch back and is
  /// returned as the error (the batch can be retried as is: application is idempotent).
  Result<ApplyStats> ApplyEvents(std::span<const Json> events);

  /// As ApplyEvents, for events as JSON text (a text that is not JSON is malformed). The
  /// fastest entry point: see ParseEventText.
  Result<ApplyStats> ApplyEventTexts(std::span<const std::string> events);

  /// As ApplyEvents, for events the caller already decoded with ParseEventText/ParseEvent
  /// (e.g. to handle keep-alives itself), so nothing is parsed twice.
  Result<ApplyStats> ApplyParsedEvents(std::span<const ParsedEvent> events);

  // ---- reads ----

  /// Task counts per status, ordered by status name; statuses with no task are absent.
  Result<std::map<std::string, int64_t>> CountsByStatus();
  Result<int64_t> TotalTasks();
  /// Number of tasks not in a terminal status (IsTerminalStatus), `pending` included.
  Result<int64_t> RemainingCount();
  /// True when no task is in a non-terminal status (also true for an empty store).
  Result<bool> IsComplete();
  /// Up to `limit` ids of non-terminal tasks, ordered by task_id.
  Result<std::vector<std::string>> RemainingTaskIds(size_t limit);

  /// Up to `limit` tasks with `status` inserted after `after_cursor` (0 = from the
  /// start), in insertion order. Used to re-send tasks still `pending` (BUG-DB-03).
  Result<TaskPage> ListTasksWithStatus(std::string_view status, int64_t after_cursor, size_t limit);

  /// Streams (task_id, data) of every task with `status`, in insertion order (CLI-61).
  Status ForEachTaskWithStatus(std::string_view status, const TaskVisitor& visit);

  /// Streams every stored event's raw JSON in insertion order (CLI-27 seeding).
  Status ForEachRawEvent(const RawEventVisitor& visit);

  /// The row of `task_id`, or nullopt when there is none.
  Result<std::optional<TaskRow>> GetTask(std::string_view task_id);

  // ---- statistics inputs (see jobdb/statistics.h) ----

  Result<ElapsedSamples> ElapsedTimes();
  /// How many completed tasks have an elapsed time, and their mean (0 when none): one
  /// indexed aggregate query, for callers that need no more than that.
  struct ElapsedMean {
    int64_t count = 0;
    double mean = 0;
  };
  Result<ElapsedMean> CompletedElapsedMean();
  /// Exception texts grouped by exact text, most frequent first (ties by text).
  Result<std::vector<ExceptionCount>> TopExceptions(size_t limit);
  /// Distinct host names that sent a spot_termination event, sorted.
  Result<std::vector<std::string>> SpotTerminationHosts();
  Result<TaskTimeRange> TimeRange();

  struct Impl;  // defined in job_store_impl.h

 private:
  explicit JobStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cloud_tasks::jobdb
