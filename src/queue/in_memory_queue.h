#pragma once
/// InMemoryQueue: a TaskQueue held in memory, for tests. It follows the same rules as
/// LocalQueue (same order of delivery, same receipts, same errors) and passes the same
/// conformance suite. Thread-safe; Receive long-polls on a condition variable.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "queue/task_queue.h"

namespace cloud_tasks::queue {

struct InMemoryQueueOptions {
  size_t max_message_bytes = 256 * 1024;
  /// Time source for leases (default: steady_clock::now). A fake clock makes lease
  /// expiry testable without sleeping; long-poll waits still run in real time, re-reading
  /// this clock at least every 50 ms.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

class InMemoryQueueState;

/// A handle on one in-memory queue; handles opened on the same name share the messages.
/// After the queue is deleted, every call fails with NotFound.
class InMemoryQueue final : public TaskQueue {
 public:
  explicit InMemoryQueue(std::shared_ptr<InMemoryQueueState> state);
  ~InMemoryQueue() override;

  const std::string& name() const override;
  size_t max_message_bytes() const override;
  Result<std::vector<Status>> Send(std::span<const std::string> bodies) override;
  Result<std::vector<ReceivedMessage>> Receive(size_t max, std::chrono::seconds lease,
                                               std::chrono::milliseconds wait) override;
  Status ExtendLease(const std::string& receipt, std::chrono::seconds lease) override;
  Status Release(const std::string& receipt) override;
  Result<std::vector<Status>> Acknowledge(std::span<const std::string> receipts) override;
  Result<QueueDepth> Depth() override;
  Status Purge() override;

 private:
  std::shared_ptr<InMemoryQueueState> state_;
};

/// The queues of one test: a map from name to shared state. Thread-safe.
class InMemoryQueueService final : public QueueService {
 public:
  explicit InMemoryQueueService(InMemoryQueueOptions options = {});
  ~InMemoryQueueService() override;

  Result<std::unique_ptr<TaskQueue>> Open(const std::string& name) override;
  Result<std::unique_ptr<TaskQueue>> CreateIfMissing(const std::string& name) override;
  Result<bool> Exists(const std::string& name) override;
  Status Delete(const std::string& name) override;

 private:
  InMemoryQueueOptions options_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<InMemoryQueueState>> queues_;
};

}  // namespace cloud_tasks::queue
