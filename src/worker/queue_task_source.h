#pragma once
/// Tasks from a queue (WRK-20..26 for cloud sources): each message body is a task
/// `{"task_id": ..., "data": {...}}`; its receipt is the WorkItem's handle. Leases of
/// tasks handed out are renewed while they run (WRK-70), acknowledged when done,
/// released on retry.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "queue/task_queue.h"
#include "worker/task_source.h"

namespace cloud_tasks::worker {

struct QueueTaskSourceOptions {
  /// Lease taken on each received task and renewed while it runs: the worker's
  /// max_runtime plus a margin, clipped to the queue's maximum.
  std::chrono::seconds lease{3610};
  /// Long-poll wait of one receive when the queue is empty. Short, because signals
  /// (shutdown, termination) are handled between receives.
  std::chrono::milliseconds wait{250};
  std::function<std::chrono::steady_clock::time_point()> now = &std::chrono::steady_clock::now;
};

class QueueTaskSource : public TaskSource {
 public:
  QueueTaskSource(std::unique_ptr<queue::TaskQueue> queue, QueueTaskSourceOptions options)
      : queue_(std::move(queue)), options_(std::move(options)) {}

  /// Messages whose body is not a task are logged and left leased (they come back when
  /// the lease ends, for an operator to inspect); they are never acknowledged.
  Result<std::vector<WorkItem>> Receive(size_t max) override;
  bool exhausted() const override { return false; }  // a queue may always get more
  Status Acknowledge(const WorkItem& item) override;
  Status Release(const WorkItem& item) override;
  void Abandon(const WorkItem& item) override { leases_.erase(item.handle); }
  /// At most once a second: renews every outstanding lease with less than half of its
  /// length left.
  void Tick() override;

  /// Leases currently held (tasks handed out and not yet finished).
  size_t outstanding() const { return leases_.size(); }

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  std::unique_ptr<queue::TaskQueue> queue_;
  QueueTaskSourceOptions options_;
  std::map<std::string, TimePoint> leases_;  ///< receipt → lease end
  std::optional<TimePoint> last_tick_;
};

/// Parses a task message body into a WorkItem (without handle). InvalidArgument naming
/// the rule when it is not `{"task_id": non-empty string, "data": object}`.
Result<WorkItem> ParseTaskMessage(const std::string& body);

}  // namespace cloud_tasks::worker
