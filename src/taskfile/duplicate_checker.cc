#include "taskfile/duplicate_checker.h"

#include "core/json.h"
#include "core/strings.h"
#include "taskfile/task_source.h"

namespace cloud_tasks::taskfile {

Status DuplicateChecker::Check(const Task& task) {
  if (seen_.Insert(hash_(task.task_id))) return OkStatus();
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
