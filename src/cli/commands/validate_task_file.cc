// `cloud_tasks validate_task_file`: check a task file without touching any queue or database.

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/task_file_options.h"

namespace cloud_tasks::cli {
namespace {

class ValidateTaskFileCommand : public Command {
 public:
  const char* name() const override { return "validate_task_file"; }
  const char* summary() const override {
    return "Check a task file (syntax, task ids, duplicates) without loading it anywhere";
  }

  void Define(CLI::App& sub) override {
    tasks_.Add(sub, "Task file (.json, .jsonl, .yaml, .yml, optionally .gz)");
    sub.get_option("--task-file")->required();
  }

  int Run() override {
    uint64_t count = 0;
    if (!CheckTaskFile(tasks_, &count)) return 1;
    fmt::print("{}: {} tasks, no errors\n", tasks_.task_file, count);
    return 0;
  }

 private:
  TaskFileOptions tasks_;
};

}  // namespace

std::unique_ptr<Command> MakeValidateTaskFileCommand() { return std::make_unique<ValidateTaskFileCommand>(); }

}  // namespace cloud_tasks::cli
