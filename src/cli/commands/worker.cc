// `cloud_tasks worker [options] -- PROGRAM ARGS...`: run a program once per task (seed 4.2-4.9).

#include <fmt/format.h>
#include <unistd.h>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "core/logging.h"
#include "worker/command_worker.h"
#include "worker/settings.h"
#include "worker/settings_flags.h"

namespace cloud_tasks::cli {
namespace {

class WorkerCommand : public Command {
 public:
  const char* name() const override { return "worker"; }
  const char* summary() const override {
    return "Run PROGRAM once per task: 'cloud_tasks worker [options] -- PROGRAM ARGS...'";
  }

  void Define(CLI::App& sub) override {
    sub.footer(
        "Each task runs as its own process. It gets the task as JSON {\"task_id\", \"data\"} on stdin, in\n"
        "RMS_CLOUD_TASKS_TASK_ID and RMS_CLOUD_TASKS_TASK_DATA, and as {task_id} in ARGS; it may write a "
        "JSON\n"
        "result to the file named by RMS_CLOUD_TASKS_RESULT_FILE. Exit 0 = done, exit 75 = retry, any other\n"
        "exit = task_exited (the last 4 KB of stderr go into the event). Every option can also be set by "
        "the\n"
        "RMS_CLOUD_TASKS_* variable shown; the command line wins.");
    worker::AddWorkerFlags(sub, settings_);
    sub.add_option("--task-output-dir", task_output_dir_,
                   "Keep each task's stdout and stderr in DIR/<task_id>.stdout/.stderr (default: not kept)")
        ->type_name("DIR");
    sub.add_option("command", command_, "PROGRAM ARGS... to run for each task (after --)");
  }

  int Run() override {
    auto resolved = worker::ResolveWorkerSettings(settings_, worker::GetEnv,
                                                  static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN)));
    if (!resolved.ok()) {
      LogError("{}", resolved.status().message());
      return kExitFailure;
    }
    if (command_.empty()) {
      LogError("no program given: use 'cloud_tasks worker [options] -- PROGRAM ARGS...'");
      return kExitFailure;
    }
    LogInfo("Configuration:");
    for (const auto& line : worker::DescribeWorkerSettings(*resolved)) LogInfo("  {}", line);
    auto stats = worker::RunCommandWorker(
        {.settings = *resolved, .command = command_, .task_output_dir = task_output_dir_});
    if (!stats.ok()) {
      LogError("{}", stats.status().message());
      return kExitFailure;
    }
    fmt::print(stderr, "Worker finished: {}\n", stats->Summary());
    return stats->interrupted ? kExitInterrupted : kExitOk;
  }

 private:
  worker::WorkerSettings settings_;
  std::string task_output_dir_;
  std::vector<std::string> command_;
};

}  // namespace

std::unique_ptr<Command> MakeWorkerCommand() { return std::make_unique<WorkerCommand>(); }

}  // namespace cloud_tasks::cli
