#pragma once
/// The messages of one InMemoryQueue, shared by its handles (internal to in_memory_queue.cc).
/// Mirrors LocalQueue's table: each message has a visible_at time (ms), a receive count
/// and the token of its current delivery; delivery order is (visible_at, id).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "queue/in_memory_queue.h"
#include "queue/receipt.h"

namespace cloud_tasks::queue {

class InMemoryQueueState {
 public:
  InMemoryQueueState(std::string name, const InMemoryQueueOptions& options);

  const std::string& name() const { return name_; }
  size_t max_message_bytes() const { return max_message_bytes_; }

  Result<std::vector<Status>> Send(std::span<const std::string> bodies);
  Result<std::vector<ReceivedMessage>> Receive(size_t max, std::chrono::seconds lease,
                                               std::chrono::milliseconds wait);
  Status ExtendLease(const std::string& receipt, std::chrono::seconds lease);
  Status Release(const std::string& receipt);
  Result<std::vector<Status>> Acknowledge(std::span<const std::string> receipts);
  Result<QueueDepth> Depth();
  Status Purge();

  /// Every later call on any handle fails with NotFound; waiting receivers wake up.
  void MarkDeleted();

 private:
  struct Message {
    std::string body;
    int64_t visible_at = 0;  // ms on the clock
    int64_t receive_count = 0;
    int64_t token = 0;  // of the current delivery; 0 when visible
  };

  int64_t NowMs() const;
  // The helpers below expect mutex_ held.
  Status CheckAlive() const;
  std::vector<ReceivedMessage> TakeVisible(size_t max, int64_t lease_ms, int64_t now);
  // The message of a current delivery; NotFound when the receipt is stale.
  Result<std::map<int64_t, Message>::iterator> FindDelivery(const std::string& receipt);
  void SetVisibleAt(int64_t id, Message& message, int64_t visible_at);

  const std::string name_;
  const size_t max_message_bytes_;
  const std::function<std::chrono::steady_clock::time_point()> clock_;

  std::mutex mutex_;
  std::condition_variable message_visible_;
  std::map<int64_t, Message> messages_;
  std::set<std::pair<int64_t, int64_t>> by_visible_at_;  // (visible_at, id)
  int64_t next_id_ = 1;
  int64_t next_token_ = 1;
  bool deleted_ = false;
};

}  // namespace cloud_tasks::queue
