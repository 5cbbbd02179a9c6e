#include "queue/queue_checks.h"

#include <fmt/format.h>

namespace cloud_tasks::queue {

Status CheckMessageBody(const std::string& body, size_t max_bytes) {
  if (body.empty()) return InvalidArgumentError("message body is empty");
  if (body.size() > max_bytes) {
    return InvalidArgumentError(fmt::format(
        "message body is {} bytes, more than the queue's limit of {} bytes", body.size(), max_bytes));
  }
  return OkStatus();
}

Status CheckReceiveArguments(size_t max, std::chrono::seconds lease) {
  if (max == 0) return InvalidArgumentError("Receive needs max >= 1 messages");
  return CheckLease(lease);
}

Status CheckLease(std::chrono::seconds lease) {
  if (lease.count() < 0) {
    return InvalidArgumentError(fmt::format("lease of {} s is negative", lease.count()));
  }
  return OkStatus();
}

}  // namespace cloud_tasks::queue
