#include "taskfile/duplicate_checker.h"

#include "core/json.h"
#include "core/strings.h"
#include "taskfile/task_source.h"

namespace cloud_tasks::taskfile {

Status DuplicateChecker::CheckDeferred(const Task& task) {
  if (pending_count_ == kPipelineDepth) {
    Pending& oldest = pending_[pending_head_];
    CT_RETURN_IF_ERROR(Record(oldest.hash, oldest.task));
    pending_head_ = (pending_head_ + 1) % kPipelineDepth;
    --pending_count_;
  }
  Pending& slot = pending_[(pending_head_ + pending_count_) % kPipelineDepth];
  slot.hash = hash_(task.task_id);
  slot.task.task_id.assign(task.task_id);
  slot.task.index = task.index;
  slot.task.line = task.line;
  slot.task.column = task.column;
  seen_.Prefetch(slot.hash);
  ++pending_count_;
  return OkStatus();
}

Status DuplicateChecker::Finish() {
  for (; pending_count_ > 0; --pending_count_) {
    Pending& oldest = pending_[pending_head_];
    CT_RETURN_IF_ERROR(Record(oldest.hash, oldest.task));
    pending_head_ = (pending_head_ + 1) % kPipelineDepth;
  }
  return OkStatus();
}

Status DuplicateChecker::Record(uint64_t hash, const Task& task) {
  if (seen_.Insert(hash)) return OkStatus();
  // The hash was seen before: find out whether the id itself was.
  SourceOptions options;
  options.capture_data = false;
  CT_ASSIGN_OR_RETURN(auto reader, OpenTaskSource(path_, options));
  Task earlier;
  for (;;) {
    CT_ASSIGN_OR_RETURN(bool got, reader->Next(earlier));
    if (!got || earlier.index >= task.index) break;
    if (earlier.task_id != task.task_id) continue;
    std::string id = Json(Abbreviate(task.task_id, 200)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return InvalidArgumentError(PositionPrefix(path_, task.line, task.column) + "task " +
                                std::to_string(task.index) + ": duplicate task_id " + id +
                                ": first at line " + std::to_string(earlier.line) + " (task " +
                                std::to_string(earlier.index) + ")");
  }
  ++collisions_;
  return OkStatus();
}

}  // namespace cloud_tasks::taskfile
