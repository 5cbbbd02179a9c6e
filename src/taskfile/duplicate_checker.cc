#include "taskfile/duplicate_checker.h"

#include <algorithm>
#include <unordered_map>

#include "core/json.h"
#include "core/strings.h"
#include "taskfile/task_source.h"

namespace cloud_tasks::taskfile {
namespace {

Status DuplicateError(const std::string& path, const Task& task, const Task& first) {
  std::string id = Json(Abbreviate(task.task_id, 200)).dump(-1, ' ', false, Json::error_handler_t::replace);
  return InvalidArgumentError(PositionPrefix(path, task.line, task.column) + "task " +
                              std::to_string(task.index) + ": duplicate task_id " + id + ": first at line " +
                              std::to_string(first.line) + " (task " + std::to_string(first.index) + ")");
}

}  // namespace

Status DuplicateChecker::CheckHash(uint64_t hash, const Task& task) {
  if (seen_.Insert(hash)) return OkStatus();
  CT_RETURN_IF_ERROR(Confirm({hash}, task.index + 1));
  ++collisions_;
  return OkStatus();
}

Status DuplicateChecker::Finish() {
  std::vector<uint64_t> repeats = log_.TakeRepeats();
  if (repeats.empty()) return OkStatus();
  CT_RETURN_IF_ERROR(Confirm(repeats, UINT64_MAX));
  collisions_ += repeats.size();
  return OkStatus();
}

Status DuplicateChecker::Confirm(const std::vector<uint64_t>& suspects, uint64_t end_index) {
  SourceOptions options;
  options.capture_data = false;
  CT_ASSIGN_OR_RETURN(auto reader, OpenTaskSource(path_, options));
  std::unordered_map<uint64_t, std::vector<Task>> seen;  // earlier tasks with a suspect hash
  Task task;
  for (;;) {
    CT_ASSIGN_OR_RETURN(bool got, reader->Next(task));
    if (!got || task.index >= end_index) return OkStatus();
    uint64_t hash = hash_(task.task_id);
    if (!std::binary_search(suspects.begin(), suspects.end(), hash)) continue;
    std::vector<Task>& earlier = seen[hash];
    for (const Task& first : earlier) {
      if (first.task_id == task.task_id) return DuplicateError(path_, task, first);
    }
    earlier.push_back(task);
  }
}

}  // namespace cloud_tasks::taskfile
