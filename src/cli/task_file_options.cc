#include "cli/task_file_options.h"

#include <fmt/format.h>

#include "core/logging.h"

namespace cloud_tasks::cli {

void TaskFileOptions::Add(CLI::App& app, const char* task_file_help) {
  app.add_option("--task-file", task_file, task_file_help)->type_name("FILE");
  app.add_option("--start-task", start_task,
                 "Skip the first N tasks of the file (0-based index of the first task used; "
                 "--start-task 2 starts at the third task) (default: 0)")
      ->type_name("N");
  app.add_option_function<int64_t>(
         "--limit", [this](const int64_t& v) { limit = v; },
         "Use at most N tasks after skipping; 0 or less uses none (default: all)")
      ->type_name("N");
}

bool CheckTaskFile(const TaskFileOptions& options, uint64_t* count) {
  LogInfo("Validating task file {}", options.task_file);
  auto result = taskfile::ValidateTaskFile(options.task_file, options.reader_options());
  if (!result.ok()) {
    fmt::print(stderr, "Error: invalid task file: {}\n", result.status().message());
    return false;
  }
  if (count) *count = *result;
  return true;
}

}  // namespace cloud_tasks::cli
