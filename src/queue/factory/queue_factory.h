#pragma once
/// The one place that knows which queue backends exist.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"
#include "queue/task_queue.h"

namespace cloud_tasks::queue {

struct QueueServiceOptions {
  std::string provider;  ///< "local" ("aws", "gcp" later)
  /// local: folder of the queue files; "" = LocalQueueDir("") (core/state_dir.h).
  std::string local_directory;
};

/// The queue service of `options.provider`. Unimplemented (one line saying so) for the
/// providers whose queues are not built yet; InvalidArgument for unknown names.
Result<std::unique_ptr<QueueService>> OpenQueueService(const QueueServiceOptions& options);

/// The longest lease a receive or renewal may ask for: SQS 12 h, Pub/Sub 600 s, local 12 h.
std::chrono::seconds MaxLease(const std::string& provider);

/// The event queue of a task queue: `<queue_name>-events` (WRK-11).
std::string EventQueueName(const std::string& queue_name);

}  // namespace cloud_tasks::queue
