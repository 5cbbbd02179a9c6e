#pragma once
/// Internal state of JobStore shared by job_store*.cc. Not part of the public API.

#include <mutex>
#include <optional>
#include <string>

#include "jobdb/event_key_filter.h"
#include "jobdb/job_store.h"
#include "sqlite/sqlite_util.h"

namespace cloud_tasks::jobdb {

/// Statements prepared once per connection for the hot write paths.
struct WriteStatements {
  sqlite::Statement insert_task;
  sqlite::Statement mark_enqueued;
  sqlite::Statement find_event_for_task;
  sqlite::Statement find_event_without_task;
  sqlite::Statement insert_event;
  sqlite::Statement update_task;
  sqlite::Statement task_status;
};

struct JobStore::Impl {
  JobStoreOptions options;
  sqlite::Database db;
  bool read_only = false;
  WriteStatements write;  // prepared only when writable
  std::mutex mu;
  // Keys of the stored events, so most new events skip the de-duplication look-up; built
  // at the first batch and again whenever another connection has written to the file
  // (`PRAGMA data_version` changed) or the filter is overfull.
  std::optional<EventKeyFilter> key_filter;
  int64_t key_filter_version = 0;

  Status RequireWritable() const;
  Status PrepareWriteStatements();

  // Event application (job_store_events.cc); called inside the batch transaction.
  Status SyncKeyFilter();
  Status ApplyParsed(const ParsedEvent& event, ApplyStats& stats);
  Result<bool> IsDuplicate(const ParsedEvent& event);
  Status InsertEvent(const ParsedEvent& event);
  Result<EventOutcome> UpdateTaskRow(const ParsedEvent& event);
};

}  // namespace cloud_tasks::jobdb
