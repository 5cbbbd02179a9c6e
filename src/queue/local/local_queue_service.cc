#include <fmt/format.h>

#include "core/files.h"
#include "queue/local/local_queue.h"
#include "queue/local/local_queue_file.h"

namespace cloud_tasks::queue {

LocalQueueService::LocalQueueService(LocalQueueOptions options) : options_(std::move(options)) {}

Status LocalQueueService::CheckName(const std::string& name) const {
  if (options_.directory.empty()) return InvalidArgumentError("the local queue directory is not set");
  return ValidateQueueName(name);
}

Result<std::unique_ptr<TaskQueue>> LocalQueueService::Open(const std::string& name) {
  CT_RETURN_IF_ERROR(CheckName(name));
  CT_ASSIGN_OR_RETURN(std::unique_ptr<LocalQueue> queue, LocalQueue::Open(options_, name));
  return std::unique_ptr<TaskQueue>(std::move(queue));
}

Result<std::unique_ptr<TaskQueue>> LocalQueueService::CreateIfMissing(const std::string& name) {
  CT_RETURN_IF_ERROR(CheckName(name));
  CT_RETURN_IF_ERROR(local::EnsureDirectory(options_.directory));
  CT_RETURN_IF_ERROR(local::CreateQueueFile(local::QueueFilePath(options_.directory, name)));
  return Open(name);
}

Result<bool> LocalQueueService::Exists(const std::string& name) {
  CT_RETURN_IF_ERROR(CheckName(name));
  return FileExists(local::QueueFilePath(options_.directory, name));
}

Status LocalQueueService::Delete(const std::string& name) {
  CT_RETURN_IF_ERROR(CheckName(name));
  std::string path = local::QueueFilePath(options_.directory, name);
  if (!FileExists(path)) {
    return NotFoundError(fmt::format("cannot delete queue '{}': it does not exist in directory '{}'", name,
                                     options_.directory));
  }
  return local::RemoveQueueFiles(path);
}

}  // namespace cloud_tasks::queue
