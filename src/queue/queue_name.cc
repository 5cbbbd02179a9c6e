// ValidateQueueName: the SQS rule, which every backend accepts (see task_queue.h).

#include <fmt/format.h>

#include <string_view>

#include "queue/task_queue.h"

namespace cloud_tasks::queue {
namespace {

constexpr size_t kMaxQueueNameLength = 80;
constexpr std::string_view kRule = "1-80 characters: ASCII letters, digits, '-' and '_'";

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// A printable rendering of a byte for the error message.
std::string DescribeByte(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u < 0x7f) return fmt::format("'{}'", c);
  if (u == ' ') return "a space";
  return fmt::format("byte 0x{:02x}", u);
}

}  // namespace

Status ValidateQueueName(std::string_view name) {
  if (name.empty()) return InvalidArgumentError(fmt::format("queue name is empty; use {}", kRule));
  if (name.size() > kMaxQueueNameLength) {
    return InvalidArgumentError(fmt::format("queue name '{}...' is {} characters long; use {}",
                                            name.substr(0, 20), name.size(), kRule));
  }
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsNameChar(name[i])) {
      return InvalidArgumentError(fmt::format("queue name '{}' has {} at position {}; use {}", name,
                                              DescribeByte(name[i]), i + 1, kRule));
    }
  }
  return OkStatus();
}

}  // namespace cloud_tasks::queue
