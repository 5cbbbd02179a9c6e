#include "queue/factory/queue_factory.h"

#include <fmt/format.h>

#include "core/state_dir.h"
#include "queue/local/local_queue.h"

namespace cloud_tasks::queue {

Result<std::unique_ptr<QueueService>> OpenQueueService(const QueueServiceOptions& options) {
  if (options.provider == "local") {
    LocalQueueOptions local;
    local.directory = options.local_directory.empty() ? LocalQueueDir("") : options.local_directory;
    return std::unique_ptr<QueueService>(std::make_unique<LocalQueueService>(std::move(local)));
  }
  if (options.provider == "aws" || options.provider == "gcp") {
    return UnimplementedError(fmt::format(
        "queues on provider '{}' are not built yet in this version; use --provider local", options.provider));
  }
  return InvalidArgumentError(
      fmt::format("unknown queue provider '{}': expected aws, gcp or local", options.provider));
}

std::chrono::seconds MaxLease(const std::string& provider) {
  if (provider == "gcp") return std::chrono::seconds(600);
  return std::chrono::seconds(43200);
}

std::string EventQueueName(const std::string& queue_name) { return queue_name + "-events"; }

}  // namespace cloud_tasks::queue
