#include "worker/queue_task_source.h"

#include "core/json.h"
#include "core/logging.h"
#include "core/strings.h"

namespace cloud_tasks::worker {

Result<WorkItem> ParseTaskMessage(const std::string& body) {
  Json task = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (task.is_discarded() || !task.is_object())
    return InvalidArgumentError("message is not a JSON object: " + Abbreviate(body, 120));
  auto id = task.find("task_id");
  if (id == task.end() || !id->is_string() || id->get_ref<const std::string&>().empty())
    return InvalidArgumentError("message has no non-empty string 'task_id': " + Abbreviate(body, 120));
  auto data = task.find("data");
  if (data == task.end() || !data->is_object())
    return InvalidArgumentError("message 'data' is not a JSON object: " + Abbreviate(body, 120));
  return WorkItem{id->get<std::string>(), data->dump(-1, ' ', false, Json::error_handler_t::replace), ""};
}

Result<std::vector<WorkItem>> QueueTaskSource::Receive(size_t max) {
  CT_ASSIGN_OR_RETURN(auto messages, queue_->Receive(max, options_.lease, options_.wait));
  std::vector<WorkItem> items;
  items.reserve(messages.size());
  TimePoint lease_end = options_.now() + options_.lease;
  for (auto& m : messages) {
    Result<WorkItem> item = ParseTaskMessage(m.body);
    if (!item.ok()) {
      LogError("Queue '{}': skipping a message that is not a task ({}); it stays in the queue",
               queue_->name(), item.status().message());
      continue;
    }
    item->handle = std::move(m.receipt);
    leases_[item->handle] = lease_end;
    items.push_back(std::move(*item));
  }
  return items;
}

Status QueueTaskSource::Acknowledge(const WorkItem& item) {
  leases_.erase(item.handle);
  CT_ASSIGN_OR_RETURN(std::vector<Status> statuses, queue_->Acknowledge(std::span(&item.handle, 1)));
  return statuses.empty() ? InternalError("queue returned no acknowledgement status") : statuses[0];
}

Status QueueTaskSource::Release(const WorkItem& item) {
  leases_.erase(item.handle);
  return queue_->Release(item.handle);
}

void QueueTaskSource::Tick() {
  TimePoint now = options_.now();
  if (last_tick_ && now - *last_tick_ < std::chrono::seconds(1)) return;
  last_tick_ = now;
  for (auto& [receipt, end] : leases_) {
    if (end - now >= options_.lease / 2) continue;
    Status st = queue_->ExtendLease(receipt, options_.lease);
    if (st.ok()) {
      end = now + options_.lease;
    } else {
      // Retried on the next tick; the task keeps running either way (WRK-70).
      LogWarning("Queue '{}': cannot renew a task lease: {}", queue_->name(), st.message());
    }
  }
}

}  // namespace cloud_tasks::worker
