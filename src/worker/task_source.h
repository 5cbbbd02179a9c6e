#pragma once
/// Where a worker gets its tasks: a task file or generator (local), or a queue
/// (queue_task_source.h).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::worker {

struct WorkItem {
  std::string task_id;
  std::string data_json;  ///< compact JSON object text
  std::string handle;     ///< source-specific receipt (queue lease); empty for files
};

class TaskSource {
 public:
  virtual ~TaskSource() = default;
  /// Up to `max` tasks; an empty vector when none is available right now.
  virtual Result<std::vector<WorkItem>> Receive(size_t max) = 0;
  /// True once a finite source has handed out every task.
  virtual bool exhausted() const = 0;
  /// The task is finished: remove it from the source.
  virtual Status Acknowledge(const WorkItem& item) = 0;
  /// The task goes back to the source to be tried again (a file source cannot take it
  /// back: retry is a no-op there, as in the original, WRK-26).
  virtual Status Release(const WorkItem& item) = 0;
  /// The task is neither acknowledged nor released: a queue stops renewing its lease,
  /// so it is delivered again when the lease ends (used when its event could not be
  /// published). No-op for files.
  virtual void Abandon(const WorkItem& /*item*/) {}
  /// Called by the supervisor on every turn of its loop (at least once a second): a
  /// queue source renews the leases of the tasks it handed out that are still running.
  virtual void Tick() {}
};

/// Tasks from a task file (any format the taskfile reader accepts), streamed.
Result<std::unique_ptr<TaskSource>> OpenFileTaskSource(const std::string& path);

/// Tasks from a generator: called until it returns nullopt.
std::unique_ptr<TaskSource> MakeGeneratorTaskSource(std::function<std::optional<WorkItem>()> next);

}  // namespace cloud_tasks::worker
