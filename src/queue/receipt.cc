#include "queue/receipt.h"

#include <fmt/format.h>

#include <charconv>

namespace cloud_tasks::queue {
namespace {

bool ParseHex(std::string_view text, int64_t& out) {
  if (text.empty() || text.size() > 16) return false;
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  if (value > static_cast<uint64_t>(INT64_MAX)) return false;
  out = static_cast<int64_t>(value);
  return true;
}

}  // namespace

std::string FormatReceipt(const Receipt& receipt) {
  return fmt::format("{:x}-{:x}", receipt.id, receipt.token);
}

Result<Receipt> ParseReceipt(std::string_view text) {
  Receipt receipt;
  size_t dash = text.find('-');
  if (dash == std::string_view::npos || !ParseHex(text.substr(0, dash), receipt.id) ||
      !ParseHex(text.substr(dash + 1), receipt.token) || receipt.token == 0) {
    return InvalidArgumentError(fmt::format(
        "'{}' is not a receipt of this queue (expected one returned by Receive)", text.substr(0, 60)));
  }
  return receipt;
}

}  // namespace cloud_tasks::queue
