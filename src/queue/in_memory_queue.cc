#include "queue/in_memory_queue.h"

#include <fmt/format.h>

#include "queue/in_memory_queue_state.h"

namespace cloud_tasks::queue {

// ---- InMemoryQueue: forwards to the shared state ----------------------------

InMemoryQueue::InMemoryQueue(std::shared_ptr<InMemoryQueueState> state) : state_(std::move(state)) {}
InMemoryQueue::~InMemoryQueue() = default;

const std::string& InMemoryQueue::name() const { return state_->name(); }
size_t InMemoryQueue::max_message_bytes() const { return state_->max_message_bytes(); }

Result<std::vector<Status>> InMemoryQueue::Send(std::span<const std::string> bodies) {
  return state_->Send(bodies);
}

Result<std::vector<ReceivedMessage>> InMemoryQueue::Receive(size_t max, std::chrono::seconds lease,
                                                            std::chrono::milliseconds wait) {
  return state_->Receive(max, lease, wait);
}

Status InMemoryQueue::ExtendLease(const std::string& receipt, std::chrono::seconds lease) {
  return state_->ExtendLease(receipt, lease);
}

Status InMemoryQueue::Release(const std::string& receipt) { return state_->Release(receipt); }

Result<std::vector<Status>> InMemoryQueue::Acknowledge(std::span<const std::string> receipts) {
  return state_->Acknowledge(receipts);
}

Result<QueueDepth> InMemoryQueue::Depth() { return state_->Depth(); }
Status InMemoryQueue::Purge() { return state_->Purge(); }

// ---- InMemoryQueueService ----------------------------------------------------

InMemoryQueueService::InMemoryQueueService(InMemoryQueueOptions options) : options_(std::move(options)) {}
InMemoryQueueService::~InMemoryQueueService() = default;

Result<std::unique_ptr<TaskQueue>> InMemoryQueueService::Open(const std::string& name) {
  CT_RETURN_IF_ERROR(ValidateQueueName(name));
  std::lock_guard lock(mutex_);
  auto it = queues_.find(name);
  if (it == queues_.end()) {
    return NotFoundError(fmt::format("queue '{}' does not exist (in-memory queues)", name));
  }
  return std::unique_ptr<TaskQueue>(std::make_unique<InMemoryQueue>(it->second));
}

Result<std::unique_ptr<TaskQueue>> InMemoryQueueService::CreateIfMissing(const std::string& name) {
  CT_RETURN_IF_ERROR(ValidateQueueName(name));
  std::lock_guard lock(mutex_);
  auto& state = queues_[name];
  if (!state) state = std::make_shared<InMemoryQueueState>(name, options_);
  return std::unique_ptr<TaskQueue>(std::make_unique<InMemoryQueue>(state));
}

Result<bool> InMemoryQueueService::Exists(const std::string& name) {
  CT_RETURN_IF_ERROR(ValidateQueueName(name));
  std::lock_guard lock(mutex_);
  return queues_.contains(name);
}

Status InMemoryQueueService::Delete(const std::string& name) {
  CT_RETURN_IF_ERROR(ValidateQueueName(name));
  std::shared_ptr<InMemoryQueueState> state;
  {
    std::lock_guard lock(mutex_);
    auto it = queues_.find(name);
    if (it == queues_.end()) {
      return NotFoundError(
          fmt::format("cannot delete queue '{}': it does not exist (in-memory queues)", name));
    }
    state = std::move(it->second);
    queues_.erase(it);
  }
  state->MarkDeleted();
  return OkStatus();
}

}  // namespace cloud_tasks::queue
