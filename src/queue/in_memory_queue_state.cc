#include "queue/in_memory_queue_state.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "queue/queue_checks.h"

namespace cloud_tasks::queue {
namespace {

using std::chrono::steady_clock;

// Real-time cap on one wait, so an injected clock that jumps is noticed.
constexpr std::chrono::milliseconds kMaxWaitSlice{50};

int64_t ToMs(std::chrono::seconds lease) { return lease.count() * 1000; }

}  // namespace

InMemoryQueueState::InMemoryQueueState(std::string name, const InMemoryQueueOptions& options)
    : name_(std::move(name)),
      max_message_bytes_(options.max_message_bytes),
      clock_(options.clock ? options.clock : [] { return steady_clock::now(); }) {}

int64_t InMemoryQueueState::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_().time_since_epoch()).count();
}

Status InMemoryQueueState::CheckAlive() const {
  if (deleted_) return NotFoundError(fmt::format("queue '{}' was deleted", name_));
  return OkStatus();
}

Result<std::vector<Status>> InMemoryQueueState::Send(std::span<const std::string> bodies) {
  std::vector<Status> results;
  results.reserve(bodies.size());
  {
    std::lock_guard lock(mutex_);
    CT_RETURN_IF_ERROR(CheckAlive());
    int64_t now = NowMs();
    for (const std::string& body : bodies) {
      Status check = CheckMessageBody(body, max_message_bytes_);
      if (check.ok()) {
        int64_t id = next_id_++;
        messages_.emplace(id, Message{.body = body, .visible_at = now});
        by_visible_at_.emplace(now, id);
      }
      results.push_back(std::move(check));
    }
  }
  message_visible_.notify_all();
  return results;
}

std::vector<ReceivedMessage> InMemoryQueueState::TakeVisible(size_t max, int64_t lease_ms, int64_t now) {
  std::vector<std::pair<int64_t, int64_t>> taken;  // the set changes as we lease: collect first
  for (auto it = by_visible_at_.begin(); it != by_visible_at_.end() && it->first <= now && taken.size() < max;
       ++it) {
    taken.push_back(*it);
  }
  std::vector<ReceivedMessage> received;
  received.reserve(taken.size());
  for (const auto& [visible_at, id] : taken) {
    Message& message = messages_.at(id);
    message.token = next_token_++;
    ++message.receive_count;
    SetVisibleAt(id, message, now + lease_ms);
    received.push_back({.body = message.body,
                        .receipt = FormatReceipt({.id = id, .token = message.token}),
                        .receive_count = message.receive_count});
  }
  return received;
}

Result<std::vector<ReceivedMessage>> InMemoryQueueState::Receive(size_t max, std::chrono::seconds lease,
                                                                 std::chrono::milliseconds wait) {
  CT_RETURN_IF_ERROR(CheckReceiveArguments(max, lease));
  const auto deadline = steady_clock::now() + std::max(wait, std::chrono::milliseconds(0));
  std::unique_lock lock(mutex_);
  while (true) {
    CT_RETURN_IF_ERROR(CheckAlive());
    int64_t now = NowMs();
    std::vector<ReceivedMessage> received = TakeVisible(max, ToMs(lease), now);
    auto real_now = steady_clock::now();
    if (!received.empty() || real_now >= deadline) return received;
    auto until = std::min(deadline, real_now + kMaxWaitSlice);
    if (!by_visible_at_.empty()) {  // nothing is visible: the first entry is the next lease to end
      until = std::min(until, real_now + std::chrono::milliseconds(by_visible_at_.begin()->first - now));
    }
    message_visible_.wait_until(lock, until);
  }
}

Result<std::map<int64_t, InMemoryQueueState::Message>::iterator> InMemoryQueueState::FindDelivery(
    const std::string& receipt) {
  CT_ASSIGN_OR_RETURN(Receipt parsed, ParseReceipt(receipt));
  auto it = messages_.find(parsed.id);
  if (it == messages_.end() || it->second.token != parsed.token) {
    return NotFoundError(fmt::format(
        "receipt '{}' of queue '{}' is stale: the message was acknowledged, released or delivered again",
        receipt, name_));
  }
  return it;
}

void InMemoryQueueState::SetVisibleAt(int64_t id, Message& message, int64_t visible_at) {
  by_visible_at_.erase({message.visible_at, id});
  message.visible_at = visible_at;
  by_visible_at_.emplace(visible_at, id);
}

Status InMemoryQueueState::ExtendLease(const std::string& receipt, std::chrono::seconds lease) {
  CT_RETURN_IF_ERROR(CheckLease(lease));
  std::lock_guard lock(mutex_);
  CT_RETURN_IF_ERROR(CheckAlive());
  CT_ASSIGN_OR_RETURN(auto it, FindDelivery(receipt));
  SetVisibleAt(it->first, it->second, NowMs() + ToMs(lease));
  return OkStatus();
}

Status InMemoryQueueState::Release(const std::string& receipt) {
  {
    std::lock_guard lock(mutex_);
    CT_RETURN_IF_ERROR(CheckAlive());
    CT_ASSIGN_OR_RETURN(auto it, FindDelivery(receipt));
    it->second.token = 0;
    SetVisibleAt(it->first, it->second, NowMs());
  }
  message_visible_.notify_all();
  return OkStatus();
}

Result<std::vector<Status>> InMemoryQueueState::Acknowledge(std::span<const std::string> receipts) {
  std::lock_guard lock(mutex_);
  CT_RETURN_IF_ERROR(CheckAlive());
  std::vector<Status> results;
  results.reserve(receipts.size());
  for (const std::string& receipt : receipts) {
    auto found = FindDelivery(receipt);
    if (found.ok()) {
      by_visible_at_.erase({(*found)->second.visible_at, (*found)->first});
      messages_.erase(*found);
    }
    results.push_back(found.status());
  }
  return results;
}

Result<QueueDepth> InMemoryQueueState::Depth() {
  std::lock_guard lock(mutex_);
  CT_RETURN_IF_ERROR(CheckAlive());
  int64_t now = NowMs();
  auto first_hidden = by_visible_at_.lower_bound({now + 1, std::numeric_limits<int64_t>::min()});
  auto visible = static_cast<int64_t>(std::distance(by_visible_at_.begin(), first_hidden));
  return QueueDepth{.visible = visible, .in_flight = static_cast<int64_t>(by_visible_at_.size()) - visible};
}

Status InMemoryQueueState::Purge() {
  std::lock_guard lock(mutex_);
  CT_RETURN_IF_ERROR(CheckAlive());
  messages_.clear();
  by_visible_at_.clear();
  return OkStatus();
}

void InMemoryQueueState::MarkDeleted() {
  {
    std::lock_guard lock(mutex_);
    deleted_ = true;
    messages_.clear();
    by_visible_at_.clear();
  }
  message_visible_.notify_all();
}

}  // namespace cloud_tasks::queue
