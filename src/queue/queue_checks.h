#pragma once
/// Argument checks shared by the backends, so every backend rejects the same input with
/// the same message.

#include <chrono>
#include <cstddef>
#include <string>

#include "core/status.h"

namespace cloud_tasks::queue {

/// InvalidArgument when `body` is empty or longer than `max_bytes` (naming both sizes).
Status CheckMessageBody(const std::string& body, size_t max_bytes);

/// InvalidArgument when `max` is 0 or `lease` is negative.
Status CheckReceiveArguments(size_t max, std::chrono::seconds lease);

/// InvalidArgument when `lease` is negative.
Status CheckLease(std::chrono::seconds lease);

}  // namespace cloud_tasks::queue
