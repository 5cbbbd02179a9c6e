// `cloud_tasks run`: load tasks, start a pool of instances, monitor, clean up (CLI-20..29).

#include <fmt/format.h>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/task_file_options.h"
#include "core/files.h"

namespace cloud_tasks::cli {
namespace {

class RunCommand : public Command {
 public:
  const char* name() const override { return "run"; }
  const char* summary() const override {
    return "Run a job: load the task file, start instances, monitor events, clean up and report";
  }

  void Define(CLI::App& sub) override {
    using config::Group;
    options_.Add(sub, {Group::kJob, Group::kCredentials, Group::kInstanceSelection, Group::kPool,
                       Group::kBoot, Group::kWorkerPolicy});
    options_.AddKey(sub, "db_file");
    tasks_.Add(sub, "Task file (.json, .jsonl, .yaml, .yml, optionally .gz); required unless --continue");
    sub.add_option("--max-concurrent-queue-operations", max_queue_ops_,
                   "Queue sends in flight while loading (default: 100)");
    sub.add_flag("--dry-run", dry_run_,
                 "Validate everything and print the plan; create, load and start nothing");
    sub.add_flag("--continue", continue_, "Resume a job from its database (tasks are not reloaded)");
    sub.add_option("--output-file", output_file_, "Append every event as a JSON line to FILE (default: none)")
        ->type_name("FILE");
    sub.add_flag("-f,--force", force_, "Do not ask before deleting an existing queue or database");
  }

  int Run() override {
    auto settings = ResolveOrReport(options_, /*need_job_id=*/true, /*read_startup_script=*/true);
    if (!settings) return 1;
    if (continue_) {
      std::string db = DbPath(*settings);
      if (!FileExists(db))
        return Fail(fmt::format(
            "Database file '{}' does not exist.\nRun without --continue to start a new job.", db));
    } else {
      if (tasks_.task_file.empty()) return Fail("--task-file is required unless --continue is given");
      uint64_t count = 0;
      if (!CheckTaskFile(tasks_, &count)) return 1;
      fmt::print("Task file {}: {} tasks\n", tasks_.task_file, count);
    }
    return NotBuiltYet("run", *settings, "running a job (queues, instances and the pool manager)");
  }

 private:
  ConfigOptions options_;
  TaskFileOptions tasks_;
  int max_queue_ops_ = 100;
  bool dry_run_ = false;
  bool continue_ = false;
  bool force_ = false;
  std::string output_file_;
};

}  // namespace

std::unique_ptr<Command> MakeRunCommand() { return std::make_unique<RunCommand>(); }

}  // namespace cloud_tasks::cli
