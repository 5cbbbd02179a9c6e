#pragma once
/// Flags shared by purge_queue and delete_queue: which queues, and --force.

#include <CLI/CLI.hpp>

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
};

}  // namespace cloud_tasks::cli
