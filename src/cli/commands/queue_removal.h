#pragma once
/// Flags shared by purge_queue and delete_queue: which queues, and --force.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "config/keys.h"

namespace cloud_tasks::cli {

struct QueueSelection {
  bool task_queue_only = false;
  bool event_queue_only = false;
  bool force = false;

  void Add(CLI::App& sub) {
    auto* t = sub.add_flag("--task-queue-only", task_queue_only, "Only the task queue");
    auto* e =
        sub.add_flag("--event-queue-only", event_queue_only, "Only the event queue (<queue_name>-events)");
    t->excludes(e);
    sub.add_flag("-f,--force", force, "Do not ask for confirmation");
  }

  /// The chosen queue names, task queue first.
  std::vector<std::string> Names(const std::string& queue_name) const;
};

/// purge_queue (`delete_queues` false) or delete_queue: per chosen queue, the depth,
/// a typed confirmation unless forced (a mismatch stops before the next queue), then the
/// action (CLI-43/44).
int RemoveQueues(const config::Settings& settings, const QueueSelection& selection, bool delete_queues);

}  // namespace cloud_tasks::cli
