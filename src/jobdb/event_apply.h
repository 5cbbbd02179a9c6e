#pragma once
/// Pure part of event handling: decode one worker event (seed section 4.9) into the
/// values stored in `events` and the `tasks` row update it implies (DB-06).
///
/// Row update rule (DB-06, with BUG-DB-01 fixed): the four task events set `status`
/// (see StatusForEvent), `retry` (default false), `completed_at` (= event time),
/// `elapsed_time` and `hostname`; `result` (JSON text) only for task_completed,
/// `exception` only for task_exception, `exit_code` only for task_exited — the other
/// two are set to NULL. Events without `task_id` and other event types change no row.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"

namespace cloud_tasks::jobdb {

/// One event decoded and validated.
struct ParsedEvent {
  std::string event_type;
  std::optional<std::string> task_id;    ///< absent, null and "" all mean "no task"
  std::optional<std::string> timestamp;  ///< normalised to FormatIsoUtc; absent/null → nullopt
  std::optional<std::string> hostname;
  bool retry = false;
  std::optional<double> elapsed_time;
  std::optional<std::string> result_json;  ///< task_completed only: `result` as JSON ("null" if absent)
  std::optional<std::string> exception;    ///< task_exception only (non-string values as JSON)
  std::optional<int64_t> exit_code;        ///< task_exited only
  std::optional<std::string> instance_id;  ///< keep_alive: the sender (not stored)
  /// Status the task row moves to; empty when the event updates no row (no task_id,
  /// or not one of the four task event types).
  std::string_view new_status;
  /// Single-line JSON of the whole event, stored in `events.raw_event` (see ParseEvent).
  std::string raw;
  /// EventKey(raw).
  int64_t key = 0;
};

/// What happened to one event handed to JobStore::ApplyEvents.
enum class EventOutcome : uint8_t {
  kApplied,      ///< stored and its task row updated
  kStored,       ///< stored; updates no row (no task_id, or a non-task event type)
  kDuplicate,    ///< identical to an event already stored: not stored again, nothing changed
  kStale,        ///< stored; its task is already terminal, so the row was left alone
  kUnknownTask,  ///< stored; no task with its task_id exists
  kUnknownType,  ///< stored; event_type not known (logged as a warning)
  kKeepAlive,    ///< keep_alive: never stored
  kMalformed,    ///< rejected (see ApplyStats::errors); not stored
};

/// Why one event of a batch was rejected; `index` is its position in the batch.
struct EventError {
  size_t index = 0;
  std::string message;
};

/// Counts for one batch; every event lands in exactly one bucket.
struct ApplyStats {
  int64_t applied = 0;
  int64_t stored_only = 0;
  int64_t duplicates = 0;
  int64_t stale = 0;
  int64_t unknown_task = 0;
  int64_t unknown_type = 0;
  int64_t keep_alives = 0;
  /// Applied events that moved their task to a terminal status (the row was not
  /// terminal before, or it would not have been updated), and those to `completed`:
  /// a caller can keep the job's counts up to date without counting rows.
  int64_t became_terminal = 0;
  int64_t became_completed = 0;
  std::vector<EventError> errors;      ///< one per kMalformed event
  std::vector<EventOutcome> outcomes;  ///< parallel to the batch

  /// Rows added to `events` by the batch.
  int64_t stored() const { return applied + stored_only + stale + unknown_task + unknown_type; }
};

/// Decodes `event`. `source_text`, when given, is the JSON text `event` was parsed
/// from: it is stored as `raw` as received (trimmed) when it is a single line, which
/// keeps the worker's exact bytes and saves re-serialising; otherwise `raw` is the
/// compact serialisation of `event`.
/// Errors (InvalidArgument) name the offending field: the value is not an object,
/// `event_type` is missing or not a string, `timestamp` is not a valid ISO-8601 time, or
/// a field has the wrong JSON type (`task_id`/`hostname` string, `retry` bool,
/// `elapsed_time` number, `exit_code` integer, `instance_id` string on keep-alives; null
/// is allowed for all). Members an event type does not use are not checked.
/// Keep-alives decode like any other event; callers skip them.
Result<ParsedEvent> ParseEvent(const Json& event, std::string_view source_text = {});

/// Parses JSON text and decodes it; the error says when the text is not JSON. The common
/// single-line event with plain ASCII strings is decoded by a fast scanner without
/// building a Json tree (then `result_json` keeps the `result` value as written);
/// anything else goes through nlohmann::json and ParseEvent.
Result<ParsedEvent> ParseEventText(std::string_view text);

/// The `event_type` of `event` if it is an object with a string `event_type`, else "".
std::string_view EventTypeOf(const Json& event);

/// Stable 64-bit hash (MurmurHash64A) of an event's stored JSON text (`events.event_key`).
int64_t EventKey(std::string_view raw_event);

}  // namespace cloud_tasks::jobdb
