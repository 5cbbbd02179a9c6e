#include "worker/task_source.h"

#include "taskfile/task_reader.h"

namespace cloud_tasks::worker {
namespace {

class LocalSource : public TaskSource {
 public:
  explicit LocalSource(std::function<Result<std::optional<WorkItem>>()> next) : next_(std::move(next)) {}

  Result<std::vector<WorkItem>> Receive(size_t max) override {
    std::vector<WorkItem> out;
    while (!exhausted_ && out.size() < max) {
      CT_ASSIGN_OR_RETURN(std::optional<WorkItem> item, next_());
      if (!item) {
        exhausted_ = true;
        break;
      }
      out.push_back(std::move(*item));
    }
    return out;
  }
  bool exhausted() const override { return exhausted_; }
  Status Acknowledge(const WorkItem&) override { return OkStatus(); }
  Status Release(const WorkItem&) override { return OkStatus(); }

 private:
  std::function<Result<std::optional<WorkItem>>()> next_;
  bool exhausted_ = false;
};

}  // namespace

Result<std::unique_ptr<TaskSource>> OpenFileTaskSource(const std::string& path) {
  CT_ASSIGN_OR_RETURN(std::shared_ptr<taskfile::TaskReader> reader, taskfile::TaskReader::Open(path));
  auto next = [reader]() -> Result<std::optional<WorkItem>> {
    taskfile::Task task;
    CT_ASSIGN_OR_RETURN(bool more, reader->Next(task));
    if (!more) return std::optional<WorkItem>();
    return std::optional<WorkItem>(WorkItem{std::move(task.task_id), std::move(task.data_json), ""});
  };
  return std::unique_ptr<TaskSource>(new LocalSource(std::move(next)));
}

std::unique_ptr<TaskSource> MakeGeneratorTaskSource(std::function<std::optional<WorkItem>()> next) {
  return std::make_unique<LocalSource>(
      [next = std::move(next)]() -> Result<std::optional<WorkItem>> { return next(); });
}

}  // namespace cloud_tasks::worker
