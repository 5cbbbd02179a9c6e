#pragma once
/// `--task-file`, `--start-task`, `--limit` for the commands that read task files.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "taskfile/task_reader.h"

namespace cloud_tasks::cli {

struct TaskFileOptions {
  std::string task_file;
  uint64_t start_task = 0;
  std::optional<int64_t> limit;

  void Add(CLI::App& app, const char* task_file_help);
  taskfile::ReaderOptions reader_options() const { return {.start_task = start_task, .limit = limit}; }
};

/// Validates the whole task file (syntax, ids, duplicates) before anything is touched.
/// Prints the error (file:line:column: rule) and returns false when it is invalid.
bool CheckTaskFile(const TaskFileOptions& options, uint64_t* count);

}  // namespace cloud_tasks::cli
