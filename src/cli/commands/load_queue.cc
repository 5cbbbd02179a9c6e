// `cloud_tasks load_queue`: create the job database and load the task file into the queue (CLI-40/41).

#include <fmt/format.h>
#include <unistd.h>

#include "cli/command.h"
#include "cli/common.h"
#include "cli/interaction.h"
#include "cli/task_file_options.h"
#include "core/files.h"
#include "jobdb/job_store.h"
#include "jobdb/report.h"
#include "jobdb/statistics.h"
#include "orchestrator/task_loader.h"

namespace cloud_tasks::cli {
namespace {

class LoadQueueCommand : public Command {
 public:
  const char* name() const override { return "load_queue"; }
  const char* summary() const override {
    return "Load tasks from a file into the job's task queue and database";
  }

  void Define(CLI::App& sub) override {
    options_.Add(sub, {config::Group::kJob, config::Group::kCredentials});
    options_.AddKey(sub, "db_file");
    options_.AddKey(sub, "max_runtime");
    tasks_.Add(sub, "Task file (.json, .jsonl, .yaml, .yml, optionally .gz); required unless --continue");
    sub.add_option("--max-concurrent-queue-operations", max_queue_ops_,
                   "Queue sends in flight (default: 100; the local queue takes each batch in one transaction, so it sends one batch at a time)");
    sub.add_flag("--continue", continue_, "Report on an existing database instead of loading");
    sub.add_flag("-f,--force", force_, "Do not ask before replacing a non-empty queue");
  }

  int Run() override {
    auto settings = ResolveOrReport(options_, /*need_job_id=*/true);
    if (!settings) return 1;
    auto queues = OpenQueues(*settings);
    if (!queues.ok()) return Fail(queues.status().message());
    std::string name = QueueName(*settings);
    if (continue_) {
      int rc = ReportDatabase(DbPath(*settings));
      if (rc != 0) return rc;
      return ReportDepth(**queues, name);
    }
    if (tasks_.task_file.empty()) return Fail("--task-file is required unless --continue is given");
    uint64_t count = 0;
    if (!CheckTaskFile(tasks_, &count)) return 1;
    fmt::print("Task file {}: {} tasks\n", tasks_.task_file, count);
    orchestrator::LoadOptions o;
    o.task_file = tasks_.task_file;
    o.start_task = static_cast<int64_t>(tasks_.start_task);
    o.limit = tasks_.limit;
    o.db_path = DbPath(*settings);
    o.queue_name = name;
    o.confirm_replace = [this](const std::string& what) {
      return force_ || ConfirmByTyping("this replaces the " + what + ".", "YES");
    };
    bool terminal = ::isatty(STDERR_FILENO) == 1;
    o.progress = [terminal](int64_t done, int64_t total) {
      if (terminal) fmt::print(stderr, "\r\033[KEnqueueing tasks: {}/{}", done, total);
    };
    auto loaded = orchestrator::LoadTasks(**queues, o);
    if (terminal) fmt::print(stderr, "\n");
    if (!loaded.ok()) return Fail(loaded.status().message());
    if (loaded->cancelled) {
      fmt::print("Operation cancelled.\n");
      return 0;
    }
    fmt::print("Loaded {} tasks into queue '{}' ({} could not be sent and stay pending).\n", loaded->enqueued,
               name, loaded->failed);
    return ReportDepth(**queues, name);
  }

 private:
  static int ReportDepth(queue::QueueService& queues, const std::string& name) {
    auto q = queues.Open(name);
    auto depth = q.ok() ? (*q)->Depth() : Result<queue::QueueDepth>(q.status());
    if (!depth.ok()) {
      fmt::print("Failed to get queue depth: {}\n", depth.status().message());
      return 0;
    }
    fmt::print("Queue depth: {}\n", depth->visible + depth->in_flight);
    return 0;
  }

  // `load_queue --continue`: the database's task counts by status (CLI-41), on stdout so
  // they are seen without -v (BUG-CLI-06).
  static int ReportDatabase(const std::string& db) {
    if (!FileExists(db))
      return Fail(
          fmt::format("Database file '{}' does not exist.\nRun without --continue to load tasks.", db));
    auto store = jobdb::JobStore::Open({.path = db, .mode = jobdb::OpenMode::kReadOnly});
    if (!store.ok()) return Fail(store.status().message());
    auto stats = jobdb::CollectStatistics(**store);
    if (!stats.ok()) return Fail(stats.status().message());
    fmt::print("Database: {} ({} tasks)\n", db, stats->total);
    for (const auto& line : jobdb::StatisticsBlockLines(*stats, "Status:")) fmt::print("{}\n", line);
    return 0;
  }

  ConfigOptions options_;
  TaskFileOptions tasks_;
  int max_queue_ops_ = 100;
  bool continue_ = false;
  bool force_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeLoadQueueCommand() { return std::make_unique<LoadQueueCommand>(); }

}  // namespace cloud_tasks::cli
