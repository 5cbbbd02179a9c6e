#pragma once
/// Receipts of the local backends (LocalQueue, InMemoryQueue): the message id and the
/// token of one delivery, as text "<id hex>-<token hex>". A new delivery of the same
/// message gets a new token, so the receipt of an earlier delivery no longer matches.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace cloud_tasks::queue {

struct Receipt {
  int64_t id = 0;
  int64_t token = 0;  ///< never 0 for a real delivery
};

std::string FormatReceipt(const Receipt& receipt);

/// InvalidArgument (quoting the text) when `text` was not made by FormatReceipt.
Result<Receipt> ParseReceipt(std::string_view text);

}  // namespace cloud_tasks::queue
