#pragma once
/// The job database schema (DB-02, DB-03), compatible with the original's `<job_id>.db`:
///
///   tasks(task_id TEXT PRIMARY KEY, task_data TEXT, status TEXT, retry BOOLEAN,
///         enqueued_at TIMESTAMP, started_at TIMESTAMP, completed_at TIMESTAMP,
///         elapsed_time REAL, hostname TEXT, result TEXT, exception TEXT, exit_code INTEGER)
///   index idx_task_status ON tasks(status)
///   events(id INTEGER PRIMARY KEY, timestamp TIMESTAMP, hostname TEXT,
///          event_type TEXT, task_id TEXT, raw_event TEXT, event_key INTEGER)
///   index idx_event_task_id ON events(task_id)
///
/// Differences (the original columns and indexes keep their names and meaning):
///   * `events.id` is `INTEGER PRIMARY KEY` without the original's AUTOINCREMENT, which
///     updated `sqlite_sequence` on every insert (bench_jobdb: events applied 17% faster
///     without it). Ids still increase with every event because events are never
///     deleted; files made by the original keep their AUTOINCREMENT table.
///   * `events.event_key INTEGER` — 64-bit hash (EventKey) of `raw_event`. A redelivered
///     copy of a stored event (BUG-DB-04: the queues deliver at least once) is found by
///     looking up the task's events through idx_event_task_id and comparing keys; a key
///     match is confirmed by comparing the raw text, so a collision can never drop a
///     distinct event. NULL is allowed (rows inserted by other tools only lose
///     de-duplication).
///   * partial index `idx_event_key_no_task ON events(event_key) WHERE task_id IS NULL`
///     — the same lookup for events without a task (spot_termination, exceptions); it
///     costs nothing for task events.
///   * partial index `idx_event_spot_host ON events(hostname) WHERE event_type =
///     'spot_termination'`, so the spot summary of every periodic report does not scan
///     all events; it costs nothing for the other event types.
///   * `PRAGMA user_version` = kSchemaVersion. Files written by the original have 0; they
///     are upgraded in place (column, indexes, keys back-filled) when opened for writing
///     and read as they are when opened read-only. Version 1 files used FNV-1a keys;
///     their keys are recomputed on upgrade.

#include <cstdint>

#include "core/status.h"
#include "sqlite/sqlite_util.h"

namespace cloud_tasks::jobdb {

/// Version written to `PRAGMA user_version` by this code.
inline constexpr int64_t kSchemaVersion = 2;

/// What an opened file contains.
struct SchemaInfo {
  int64_t user_version = 0;
  bool has_tasks = false;      ///< table `tasks` with every original column
  bool has_events = false;     ///< table `events` with every original column
  bool has_event_key = false;  ///< our `events.event_key` column
};

/// Creates every table and index (if missing) and sets user_version. Idempotent.
Status CreateSchema(sqlite::Database& db);

/// Reads the table layout and user_version of `db`.
Result<SchemaInfo> InspectSchema(sqlite::Database& db);

/// FailedPrecondition naming the file unless `info` describes a job database this code
/// can read (both tables with the original columns, user_version ≤ kSchemaVersion).
Status CheckReadable(const SchemaInfo& info, const std::string& path);

/// Brings an original (version 0) or older file up to kSchemaVersion: adds `event_key`,
/// the added indexes, and (re)computes the key of every stored event, in one transaction.
Status UpgradeSchema(sqlite::Database& db, const SchemaInfo& info);

}  // namespace cloud_tasks::jobdb
