#pragma once
/// Loading a job (CLI-40, with BUG-CLI-05 and BUG-DB-03 fixed): the task file is fully
/// checked and the user is asked before anything is deleted; then the queues are made
/// fresh, every task is recorded as `pending` in a new job database, and the tasks are
/// sent in batches, each marked `in_queue_original` once its send succeeded. A task whose
/// send failed stays `pending` and is counted; ResendPending sends such tasks again (on
/// `--continue`).

#include <functional>
#include <optional>
#include <string>

#include "core/status.h"
#include "jobdb/job_store.h"
#include "queue/task_queue.h"

namespace cloud_tasks::orchestrator {

struct LoadOptions {
  std::string task_file;
  int64_t start_task = 0;
  std::optional<int64_t> limit;
  std::string db_path;
  std::string queue_name;
  /// Asked (before anything is touched) when the task queue already holds messages or
  /// the job database exists; returning false cancels the load with nothing changed.
  /// `what` describes what would be replaced.
  std::function<bool(const std::string& what)> confirm_replace;
  /// Called after each batch is sent: (tasks sent so far, total tasks).
  std::function<void(int64_t, int64_t)> progress;
  size_t batch_size = 100;
};

struct LoadResult {
  bool cancelled = false;
  int64_t tasks = 0;     ///< tasks recorded in the database
  int64_t enqueued = 0;  ///< tasks whose send succeeded
  int64_t failed = 0;    ///< tasks left `pending` because their send failed
  std::string first_failure;
};

/// Runs the whole load. The returned store is the new job database (open for writing).
Result<LoadResult> LoadTasks(queue::QueueService& queues, const LoadOptions& options,
                             std::unique_ptr<jobdb::JobStore>* store_out = nullptr);

/// Sends every `pending` task of `store` to `queue` and marks those sent. Returns how
/// many were sent; `failed` (optional) receives how many could not be.
Result<int64_t> ResendPending(jobdb::JobStore& store, queue::TaskQueue& queue, size_t batch_size = 100,
                              int64_t* failed = nullptr);

/// The queue message of a task: `{"task_id": <id>, "data": <data>}` (compact JSON).
std::string TaskMessage(const std::string& task_id, const std::string& data_json);

}  // namespace cloud_tasks::orchestrator
