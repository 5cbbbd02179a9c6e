// `cloud_tasks run`: load tasks, start a pool of instances, monitor, clean up (CLI-20..29).

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "cli/catalog_flags.h"
#include "cli/command.h"
#include "cli/common.h"
#include "cli/interaction.h"
#include "cli/task_file_options.h"
#include "compute/factory/provider_factory.h"
#include "core/files.h"
#include "core/state_dir.h"
#include "jobdb/dump.h"
#include "jobdb/job_store.h"
#include "orchestrator/job_runner.h"
#include "queue/factory/queue_factory.h"

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
                   "Queue sends in flight while loading (default: 100; the local queue takes each batch in one transaction, so it sends one batch at a time)");
    sub.add_flag("--dry-run", dry_run_,
                 "Validate everything and print the plan; create, load and start nothing");
    catalog_.Add(sub);
    sub.add_option("--estimated-task-seconds", task_seconds_,
                   "Mean seconds per task, for the estimated duration and cost in the --dry-run plan")
        ->type_name("SECONDS")
        ->check(CLI::PositiveNumber);
    sub.add_flag("--continue", continue_, "Resume a job from its database (tasks are not reloaded)");
    sub.add_option("--output-file", output_file_, "Append every event as a JSON line to FILE (default: none)")
        ->type_name("FILE");
    sub.add_flag("-f,--force", force_, "Do not ask before deleting an existing queue or database");
  }

  int Run() override {
    auto settings = ResolveOrReport(options_, /*need_job_id=*/true, /*read_startup_script=*/true);
    if (!settings) return 1;
    if (continue_ && !FileExists(DbPath(*settings))) {
      return Fail(
          fmt::format("Database file '{}' does not exist.\nRun without --continue to start a new job.",
                      DbPath(*settings)));
    }
    uint64_t count = 0;
    if (!continue_) {
      if (tasks_.task_file.empty()) return Fail("--task-file is required unless --continue is given");
      if (!CheckTaskFile(tasks_, &count)) return 1;
      fmt::print("Task file {}: {} tasks\n", tasks_.task_file, count);
    }
    std::string queue_dir =
        std::filesystem::absolute(LocalQueueDir(settings->state_dir.value_or(""))).string();
    InterruptCounter interrupts;
    bool terminal = ::isatty(STDERR_FILENO) == 1;
    orchestrator::JobRunnerOptions o;
    o.settings = *settings;
    o.db_path = DbPath(*settings);
    o.continue_run = continue_;
    o.dry_run = dry_run_;
    o.task_file = tasks_.task_file;
    o.start_task = static_cast<int64_t>(tasks_.start_task);
    o.limit = tasks_.limit;
    o.output_file = output_file_;
    o.catalog = catalog_.options;
    o.estimated_task_seconds = task_seconds_;
    if (!continue_) o.task_count = static_cast<int64_t>(count);  // validated above, not counted again
    if (settings->provider == "local") o.local_queue_dir = queue_dir;
    o.confirm_replace = [this](const std::string& what) {
      return force_ || ConfirmByTyping("this replaces the " + what + ".", "YES");
    };
    o.interrupted = [&interrupts] { return interrupts.count() > 0; };
    o.on_interrupt = [&interrupts] { return AskInterruptChoice(interrupts); };
    o.on_progress = [terminal](const orchestrator::Progress& p) { PrintProgress(p, terminal); };
    o.progress_interval = std::chrono::milliseconds(terminal ? 1000 : 30000);
    if (dry_run_ && !catalog_.options.catalog_file.empty()) {
      auto plan = orchestrator::PlanJobFromCatalogFile(o);  // offline: no provider, no queues
      if (!plan.ok()) return Fail(plan.status().message());
      return Finish(*plan, *settings, o.db_path);
    }
    auto provider = compute::OpenProvider(*settings);
    if (!provider.ok()) return Fail(provider.status().message());
    auto queues = queue::OpenQueueService({.provider = settings->provider, .local_directory = queue_dir});
    if (!queues.ok()) return Fail(queues.status().message());
    auto outcome = orchestrator::RunJob(**provider, **queues, o);
    if (terminal) fmt::print(stderr, "\n");
    if (!outcome.ok()) return Fail(outcome.status().message());
    return Finish(*outcome, *settings, o.db_path);
  }

 private:
  static int Finish(const orchestrator::JobOutcome& out, const config::Settings& settings,
                    const std::string& db) {
    using Kind = orchestrator::JobOutcome::Kind;
    switch (out.kind) {
      case Kind::kDryRun:
        fmt::print("Dry run: nothing was created, loaded or started. The plan:\n");
        for (const auto& line : out.plan) fmt::print("  {}\n", line);
        return 0;
      case Kind::kCancelled:
        fmt::print("{}\n", out.message);
        return 0;
      case Kind::kCompleted:
        for (const auto& line : out.report) fmt::print("{}\n", line);
        return 0;
      case Kind::kAborted:
        return Fail("Job aborted: " + out.message);
      case Kind::kTerminated:
      case Kind::kLeftRunning:
        fmt::print("{}\n", out.message);
        if (AskDump()) return DumpByStatus(settings, db);
        return 0;
    }
    return 1;
  }

  static int DumpByStatus(const config::Settings& settings, const std::string& db) {
    auto store = jobdb::JobStore::Open({.path = db, .mode = jobdb::OpenMode::kReadOnly});
    if (!store.ok()) return Fail(store.status().message());
    auto dumped =
        jobdb::DumpTasksByStatus(**store, {.directory = ".", .job_id = settings.job_id.value_or("")});
    if (!dumped.ok()) return Fail(dumped.status().message());
    if (dumped->files.empty()) fmt::print("No tasks in database.\n");
    for (const auto& f : dumped->files) fmt::print("Wrote {} task(s) to {}\n", f.count, f.path);
    return 0;
  }

  ConfigOptions options_;
  TaskFileOptions tasks_;
  CatalogFlags catalog_;
  std::optional<double> task_seconds_;
  int max_queue_ops_ = 100;
  bool dry_run_ = false;
  bool continue_ = false;
  bool force_ = false;
  std::string output_file_;
};

}  // namespace

std::unique_ptr<Command> MakeRunCommand() { return std::make_unique<RunCommand>(); }

}  // namespace cloud_tasks::cli
