#pragma once
/// The manager's side of the event queue (CLI-50, BUG-CLI-09 fixed): each cycle pulls
/// batches of events, records them in the job database, appends them to the optional
/// output file, and only then acknowledges them — so a manager killed at any moment
/// loses no event (a redelivered one is recognised as a duplicate by the job store).
/// Keep-alives go to a callback and are never stored.

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "core/time_util.h"
#include "jobdb/job_store.h"
#include "queue/task_queue.h"

namespace cloud_tasks::orchestrator {

struct EventMonitorOptions {
  size_t batch_size = 100;  ///< messages per receive
  int max_batches = 20;     ///< receives per cycle (stops early on an empty one)
  /// Lease on received events: long enough to write them before they come back.
  std::chrono::seconds lease{120};
  /// JSON-lines copy of every stored event (CLI-27); "" = none. Created 0600.
  std::string output_file;
  /// When the output file does not exist yet, first write every event already in the
  /// database (`--continue`, monitor_event_queue).
  bool seed_output_file = false;
  /// Keep-alive from `instance_id` (or the host name when the event has none).
  std::function<void(const std::string& instance_id)> on_keepalive;
  /// Each stored event's JSON text (e.g. `--print-events`).
  std::function<void(const std::string& raw)> on_event;
};

struct CycleStats {
  int64_t received = 0;
  int64_t applied = 0;           ///< task rows changed
  int64_t became_terminal = 0;   ///< of those, moved to a terminal status
  int64_t became_completed = 0;  ///< of those, moved to `completed`
  int64_t stored = 0;            ///< rows added to `events`
  int64_t duplicates = 0;
  int64_t keep_alives = 0;
  int64_t malformed = 0;
};

class EventMonitor {
 public:
  /// Opens (and seeds, see options) the output file. Neither pointer is owned.
  static Result<std::unique_ptr<EventMonitor>> Create(queue::TaskQueue* events, jobdb::JobStore* store,
                                                      EventMonitorOptions options);
  ~EventMonitor();

  /// One cycle. The first receive waits up to `wait` for an event.
  Result<CycleStats> Poll(std::chrono::milliseconds wait);

 private:
  EventMonitor(queue::TaskQueue* events, jobdb::JobStore* store, EventMonitorOptions options)
      : events_(events), store_(store), options_(std::move(options)) {}
  Status OpenOutput();
  void WriteOutput(const std::string& raw);

  queue::TaskQueue* events_;
  jobdb::JobStore* store_;
  EventMonitorOptions options_;
  std::FILE* output_ = nullptr;
};

}  // namespace cloud_tasks::orchestrator
