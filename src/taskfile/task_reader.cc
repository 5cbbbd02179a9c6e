// The public entry points: format dispatch, start_task/limit, duplicate checking.
#include "taskfile/task_reader.h"

#include "taskfile/duplicate_checker.h"
#include "taskfile/task_source.h"

namespace cloud_tasks::taskfile {
namespace {

// Applies start_task, limit and the duplicate check on top of a format's task source.
class SelectingReader : public TaskReader {
 public:
  SelectingReader(std::unique_ptr<TaskReader> source, ReaderOptions options,
                  std::unique_ptr<DuplicateChecker> duplicates)
      : source_(std::move(source)), options_(options), duplicates_(std::move(duplicates)) {}

  Result<bool> Next(Task& out) override {
    if (!error_.ok()) return error_;
    if (options_.limit.has_value() &&
        (*options_.limit <= 0 || yielded_ >= static_cast<uint64_t>(*options_.limit))) {
      return false;
    }
    for (;;) {
      Result<bool> got = source_->Next(out);
      if (!got.ok()) return error_ = got.status();
      if (!*got) return false;
      if (duplicates_ != nullptr) {
        Status unique = duplicates_->Check(out);
        if (!unique.ok()) return error_ = unique;
      }
      if (out.index < options_.start_task) continue;
      ++yielded_;
      return true;
    }
  }

 private:
  std::unique_ptr<TaskReader> source_;
  ReaderOptions options_;
  std::unique_ptr<DuplicateChecker> duplicates_;
  uint64_t yielded_ = 0;
  Status error_;
};

}  // namespace

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
  return std::unique_ptr<TaskReader>(
      new SelectingReader(std::move(source), options, std::move(duplicates)));
}

Result<std::unique_ptr<TaskReader>> TaskReader::Open(const std::string& path, ReaderOptions options) {
  return OpenTaskReader(path, options, &HashTaskId);
}

Result<uint64_t> ValidateTaskFileWithHash(const std::string& path, ReaderOptions options,
                                          TaskIdHash hash) {
  SourceOptions source_options;
  source_options.capture_data = false;
  CT_ASSIGN_OR_RETURN(auto source, OpenTaskSource(path, source_options));
  DuplicateChecker duplicates(path, hash);
  Task task;
  uint64_t count = 0;
  for (;;) {
    CT_ASSIGN_OR_RETURN(bool got, source->Next(task));
    if (!got) break;
    CT_RETURN_IF_ERROR(duplicates.CheckDeferred(task));
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
