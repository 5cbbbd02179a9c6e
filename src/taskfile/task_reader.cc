// The public entry points: format dispatch, start_task/limit, duplicate checking.
#include "taskfile/task_reader.h"

#include <algorithm>

#include "taskfile/duplicate_checker.h"
#include "taskfile/selecting_reader.h"
#include "taskfile/task_source.h"

namespace cloud_tasks::taskfile {

std::string PositionPrefix(const std::string& path, uint64_t line, uint64_t column) {
  return path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

Result<std::unique_ptr<TaskReader>> OpenTaskSource(const std::string& path, SourceOptions options) {
  CT_ASSIGN_OR_RETURN(FormatInfo info, DetectFormat(path));
  CT_ASSIGN_OR_RETURN(auto bytes, OpenByteSource(path, info.gzip));
  if (info.format == Format::kYaml) return MakeYamlTaskSource(path, std::move(bytes), options);
  return MakeJsonTaskSource(path, std::move(bytes), info.format == Format::kJsonLines, options);
}

Result<std::unique_ptr<TaskReader>> OpenTaskReader(const std::string& path, ReaderOptions options,
                                                   TaskIdHash hash) {
  CT_ASSIGN_OR_RETURN(auto source, OpenTaskSource(path, SourceOptions{}));
  std::unique_ptr<DuplicateChecker> duplicates;
  if (options.check_duplicates) duplicates = std::make_unique<DuplicateChecker>(path, hash);
  return MakeSelectingReader(std::move(source), options, std::move(duplicates));
}

Result<std::unique_ptr<TaskReader>> TaskReader::Open(const std::string& path, ReaderOptions options) {
  return OpenTaskReader(path, options, &HashTaskId);
}

Result<uint64_t> ValidateTaskFileWithHash(const std::string& path, ReaderOptions options, TaskIdHash hash) {
  SourceOptions source_options;
  source_options.capture_data = false;
  CT_ASSIGN_OR_RETURN(auto source, OpenTaskSource(path, source_options));
  DuplicateChecker duplicates(path, hash);
  Task task;
  uint64_t count = 0;
  for (;;) {
    Result<bool> got = source->Next(task);
    if (!got.ok()) {
      // A duplicate before the failing task is the first error in file order.
      Status earlier = duplicates.Finish();
      return earlier.ok() ? got.status() : earlier;
    }
    if (!*got) break;
    duplicates.Add(task);
    ++count;
  }
  CT_RETURN_IF_ERROR(duplicates.Finish());
  if (options.limit.has_value() && *options.limit <= 0) return uint64_t{0};
  uint64_t selected = count > options.start_task ? count - options.start_task : 0;
  if (options.limit.has_value()) selected = std::min(selected, static_cast<uint64_t>(*options.limit));
  return selected;
}

Result<uint64_t> ValidateTaskFile(const std::string& path, ReaderOptions options) {
  return ValidateTaskFileWithHash(path, options, &HashTaskId);
}

}  // namespace cloud_tasks::taskfile
