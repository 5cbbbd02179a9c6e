#include "orchestrator/job_runner.h"

#include <fmt/format.h>

#include <thread>

#include "core/files.h"
#include "core/logging.h"
#include "jobdb/job_store.h"
#include "jobdb/report.h"
#include "jobdb/statistics.h"
#include "jobdb/task_status.h"
#include "orchestrator/event_monitor.h"
#include "orchestrator/job_plan.h"
#include "orchestrator/pool_manager.h"
#include "orchestrator/task_loader.h"
#include "queue/factory/queue_factory.h"
#include "taskfile/task_reader.h"

namespace cloud_tasks::orchestrator {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds kRecountInterval{30};

struct Counts {
  int64_t total = 0;
  int64_t terminal = 0;
  int64_t completed = 0;
};

Result<Counts> CountTasks(jobdb::JobStore& store) {
  CT_ASSIGN_OR_RETURN(auto by_status, store.CountsByStatus());
  Counts c;
  for (const auto& [status, n] : by_status) {
    c.total += n;
    if (jobdb::IsTerminalStatus(status)) c.terminal += n;
    if (status == jobdb::kStatusCompleted) c.completed += n;
  }
  return c;
}

// The work the plan is sized for: the task file's tasks (fresh run; counted again unless
// the caller already did) or the database's non-terminal tasks (--continue), and the mean
// task time: --estimated-task-seconds, else the mean over the completed tasks so far.
struct WorkLeft {
  int64_t tasks = 0;
  std::optional<double> task_seconds;
  std::string task_seconds_source;
};

Result<WorkLeft> RemainingWork(const JobRunnerOptions& o) {
  WorkLeft w;
  w.task_seconds = o.estimated_task_seconds;
  if (!o.continue_run) {
    if (o.task_file.empty())
      return InvalidArgumentError("--task-file is required unless --continue is given");
    if (o.task_count) {
      w.tasks = *o.task_count;
      return w;
    }
    CT_ASSIGN_OR_RETURN(
        uint64_t n, taskfile::ValidateTaskFile(
                        o.task_file, {.start_task = static_cast<uint64_t>(o.start_task), .limit = o.limit}));
    w.tasks = static_cast<int64_t>(n);
    return w;
  }
  CT_ASSIGN_OR_RETURN(auto store,
                      jobdb::JobStore::Open({.path = o.db_path, .mode = jobdb::OpenMode::kReadOnly}));
  // Two aggregate queries, not the full statistics (which sort every elapsed time).
  CT_ASSIGN_OR_RETURN(w.tasks, store->RemainingCount());
  CT_ASSIGN_OR_RETURN(jobdb::JobStore::ElapsedMean done, store->CompletedElapsedMean());
  if (!w.task_seconds && done.count > 0) {
    w.task_seconds = done.mean;
    w.task_seconds_source =
        fmt::format("Mean task time {:.2f} s, from the {} tasks completed so far", done.mean, done.count);
  }
  return w;
}

// Fresh run: the shared load procedure. Continue: the existing database and queues.
Result<std::unique_ptr<jobdb::JobStore>> PrepareJob(queue::QueueService& queues, const JobRunnerOptions& o,
                                                    const std::string& queue_name, JobOutcome& outcome) {
  std::unique_ptr<jobdb::JobStore> store;
  if (!o.continue_run) {
    if (o.task_file.empty())
      return InvalidArgumentError("--task-file is required unless --continue is given");
    LoadOptions lo{.task_file = o.task_file,
                   .start_task = o.start_task,
                   .limit = o.limit,
                   .db_path = o.db_path,
                   .queue_name = queue_name,
                   .confirm_replace = o.confirm_replace,
                   .progress = nullptr,
                   .batch_size = 100};
    CT_ASSIGN_OR_RETURN(LoadResult r, LoadTasks(queues, lo, &store));
    if (r.cancelled) {
      outcome = {
          .kind = JobOutcome::Kind::kCancelled, .message = "Operation cancelled.", .plan = {}, .report = {}};
      return std::unique_ptr<jobdb::JobStore>();
    }
    LogInfo("Enqueued {} of {} tasks to queue '{}'", r.enqueued, r.tasks, queue_name);
    return store;
  }
  if (!FileExists(o.db_path))
    return NotFoundError(fmt::format(
        "Database file '{}' does not exist. Run without --continue to start the job.", o.db_path));
  CT_ASSIGN_OR_RETURN(store,
                      jobdb::JobStore::Open({.path = o.db_path, .mode = jobdb::OpenMode::kOpenExisting}));
  CT_ASSIGN_OR_RETURN(int64_t total, store->TotalTasks());
  if (total == 0) return FailedPreconditionError(fmt::format("Database file '{}' holds no tasks", o.db_path));
  for (const std::string& name : {queue_name, queue::EventQueueName(queue_name)}) {
    CT_ASSIGN_OR_RETURN(bool exists, queues.Exists(name));
    if (!exists)
      return NotFoundError(
          fmt::format("queue '{}' of the job no longer exists, so --continue cannot attach to "
                      "it; run the job again without --continue",
                      name));
  }
  CT_ASSIGN_OR_RETURN(auto task_queue, queues.Open(queue_name));
  int64_t failed = 0;
  CT_ASSIGN_OR_RETURN(int64_t resent, ResendPending(*store, *task_queue, 100, &failed));
  if (resent > 0) LogInfo("Sent {} task(s) whose first send had failed", resent);
  return store;
}

Status DeleteQueues(queue::QueueService& queues, const std::string& queue_name) {
  Status first;
  for (const std::string& name : {queue_name, queue::EventQueueName(queue_name)}) {
    Status st = queues.Delete(name);
    if (!st.ok() && st.code() != ErrorCode::kNotFound && first.ok()) first = st;
  }
  return first;
}

class Loop {
 public:
  Loop(compute::Provider& provider, queue::QueueService& queues, const JobRunnerOptions& o, JobPlan& plan,
       jobdb::JobStore& store, std::string queue_name)
      : queues_(queues),
        o_(o),
        store_(store),
        queue_name_(std::move(queue_name)),
        pool_(provider, plan.pool) {}

  Result<JobOutcome> Run() {
    CT_ASSIGN_OR_RETURN(task_queue_, queues_.Open(queue_name_));
    CT_ASSIGN_OR_RETURN(event_queue_, queues_.Open(queue::EventQueueName(queue_name_)));
    EventMonitorOptions mo;
    mo.output_file = o_.output_file;
    mo.seed_output_file = o_.continue_run;
    mo.on_keepalive = [this](const std::string& id) { pool_.OnKeepAlive(id); };
    CT_ASSIGN_OR_RETURN(monitor_, EventMonitor::Create(event_queue_.get(), &store_, mo));
    CT_ASSIGN_OR_RETURN(counts_, CountTasks(store_));
    counted_at_ = Clock::now();
    start_terminal_ = counts_.terminal;
    started_ = Clock::now();
    for (;;) {
      if (o_.interrupted && o_.interrupted()) {
        std::optional<JobOutcome> out = HandleInterrupt();
        if (out) return *out;
      }
      auto cycle = monitor_->Poll(o_.poll_wait);
      if (!cycle.ok()) {
        LogError("Reading events failed: {}", cycle.status().message());
        std::this_thread::sleep_for(std::chrono::seconds(1));
      } else {
        counts_.terminal += cycle->became_terminal;
        counts_.completed += cycle->became_completed;
      }
      // Counting rows costs a scan of the status index (a fraction of a second at 1M
      // tasks), so the counts follow the applied events and are recounted now and then,
      // in case another program wrote to the database, and before declaring the end.
      if (Clock::now() - counted_at_ >= kRecountInterval || counts_.terminal >= counts_.total) {
        CT_ASSIGN_OR_RETURN(counts_, CountTasks(store_));
        counted_at_ = Clock::now();
      }
      const Counts& c = counts_;
      if (c.terminal >= c.total) return Complete();
      auto depth = task_queue_->Depth();
      bool tail = depth.ok() && depth->visible == 0;
      CT_RETURN_IF_ERROR(pool_.Tick(c.total - c.terminal, tail));
      if (pool_.abort_reason())
        return JobOutcome{
            .kind = JobOutcome::Kind::kAborted, .message = *pool_.abort_reason(), .plan = {}, .report = {}};
      ReportProgress(c);
    }
  }

 private:
  std::optional<JobOutcome> HandleInterrupt() {
    InterruptChoice choice = o_.on_interrupt ? o_.on_interrupt() : InterruptChoice::kLeaveRunning;
    if (choice == InterruptChoice::kContinue) return std::nullopt;
    if (choice == InterruptChoice::kTerminate) {
      Status st = pool_.TerminateAll();
      if (!st.ok()) LogError("Terminating instances: {}", st.message());
      st = DeleteQueues(queues_, queue_name_);
      if (!st.ok()) LogError("Deleting queues: {}", st.message());
      return JobOutcome{
          .kind = JobOutcome::Kind::kTerminated, .message = "Job terminated", .plan = {}, .report = {}};
    }
    return JobOutcome{.kind = JobOutcome::Kind::kLeftRunning,
                      .message = fmt::format("Database saved to: {}", o_.db_path),
                      .plan = {},
                      .report = {}};
  }

  Result<JobOutcome> Complete() {
    LogInfo("All tasks complete");
    LogInfo("Cleaning up: terminating instances and deleting queues; please do not interrupt");
    Status st = pool_.TerminateAll();
    if (!st.ok()) LogError("Terminating instances: {}", st.message());
    event_queue_.reset();
    task_queue_.reset();
    st = DeleteQueues(queues_, queue_name_);
    if (!st.ok()) LogError("Deleting queues: {}", st.message());
    CT_ASSIGN_OR_RETURN(jobdb::JobStatistics stats, jobdb::CollectStatistics(store_));
    return JobOutcome{.kind = JobOutcome::Kind::kCompleted,
                      .message = "",
                      .plan = {},
                      .report = jobdb::FinalReportLines(stats)};
  }

  void ReportProgress(const Counts& c) {
    if (!o_.on_progress) return;
    Clock::time_point now = Clock::now();
    if (last_progress_ && now - *last_progress_ < o_.progress_interval) return;
    last_progress_ = now;
    Progress p;
    p.total = c.total;
    p.done = c.terminal;
    p.failed = c.terminal - c.completed;
    double secs = std::chrono::duration<double>(now - started_).count();
    if (secs > 0) p.per_second = static_cast<double>(c.terminal - start_terminal_) / secs;
    if (p.per_second > 0) p.eta_seconds = static_cast<double>(c.total - c.terminal) / p.per_second;
    p.instances = pool_.status().live;
    p.price_per_hour = pool_.status().price_per_hour;
    o_.on_progress(p);
  }

  queue::QueueService& queues_;
  const JobRunnerOptions& o_;
  jobdb::JobStore& store_;
  std::string queue_name_;
  PoolManager pool_;
  std::unique_ptr<queue::TaskQueue> task_queue_;
  std::unique_ptr<queue::TaskQueue> event_queue_;
  std::unique_ptr<EventMonitor> monitor_;
  int64_t start_terminal_ = 0;
  Counts counts_;
  Clock::time_point counted_at_;
  Clock::time_point started_;
  std::optional<Clock::time_point> last_progress_;
};

// Everything that can be decided is decided before any state is touched (BUG-CLI-10).
Result<JobPlan> Plan(compute::Provider* provider, const JobRunnerOptions& o) {
  std::vector<std::string> notes;
  CT_ASSIGN_OR_RETURN(compute::Catalog catalog, LoadCatalog(provider, o.settings, o.catalog, &notes));
  CT_ASSIGN_OR_RETURN(JobPlan plan, MakeJobPlan(catalog, o));
  plan.catalog_notes = std::move(notes);
  CT_RETURN_IF_ERROR(queue::ValidateQueueName(o.settings.queue_name.value_or(*o.settings.job_id)));
  return plan;
}

// BUG-CLI-08 / BUG-RUN-02: nothing is created, loaded or deleted.
Result<JobOutcome> DryRun(const JobPlan& plan, const JobRunnerOptions& o) {
  CT_ASSIGN_OR_RETURN(WorkLeft work, RemainingWork(o));
  JobOutcome out;
  out.kind = JobOutcome::Kind::kDryRun;
  out.plan = plan.Describe(work.tasks, work.task_seconds, work.task_seconds_source);
  return out;
}

}  // namespace

Result<JobOutcome> PlanJobFromCatalogFile(const JobRunnerOptions& o) {
  if (o.catalog.catalog_file.empty()) return InternalError("PlanJobFromCatalogFile: no catalog file");
  CT_ASSIGN_OR_RETURN(JobPlan plan, Plan(nullptr, o));
  return DryRun(plan, o);
}

Result<JobOutcome> RunJob(compute::Provider& provider, queue::QueueService& queues,
                          const JobRunnerOptions& o) {
  CT_ASSIGN_OR_RETURN(JobPlan plan, Plan(&provider, o));
  if (o.dry_run) return DryRun(plan, o);
  std::string queue_name = o.settings.queue_name.value_or(*o.settings.job_id);
  CT_ASSIGN_OR_RETURN(WorkLeft work, RemainingWork(o));
  for (const auto& line : plan.Describe(work.tasks, work.task_seconds, work.task_seconds_source)) LogInfo("{}", line);
  JobOutcome cancelled;
  CT_ASSIGN_OR_RETURN(auto store, PrepareJob(queues, o, queue_name, cancelled));
  if (!store) return cancelled;
  Loop loop(provider, queues, o, plan, *store, queue_name);
  return loop.Run();
}

}  // namespace cloud_tasks::orchestrator
