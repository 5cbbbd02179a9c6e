#pragma once
/// `cloud_tasks run` as a library call (CLI-20..28, 7.1-7.6, with BUG-CLI-05/08/09/10,
/// BUG-RUN-02, BUG-ORC-01/02/04/05/06 and BUG-DB-03 fixed): choose the instance type and
/// render the startup script before touching anything; load the job (or attach to it
/// with `continue_run`, re-sending tasks whose send failed); then, until every task is
/// terminal, record events, size and supervise the pool, and report progress; finally
/// tear the pool and the queues down and return the final report. The library never
/// prints: the CLI renders `progress`, `report` and log lines.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compute/provider.h"
#include "config/keys.h"
#include "core/status.h"
#include "orchestrator/catalog_source.h"
#include "queue/task_queue.h"

namespace cloud_tasks::orchestrator {

/// What the user chose after Ctrl+C (CLI-25).
enum class InterruptChoice { kTerminate, kLeaveRunning, kContinue };

/// One progress sample.
struct Progress {
  int64_t total = 0;
  int64_t done = 0;       ///< terminal tasks
  int64_t failed = 0;     ///< terminal tasks other than `completed`
  double per_second = 0;  ///< terminal tasks per second since the start of this run
  std::optional<double> eta_seconds;
  int64_t instances = 0;
  double price_per_hour = 0;
};

struct JobRunnerOptions {
  config::Settings settings;  ///< merged for the selected provider; job_id required
  std::string db_path;
  bool continue_run = false;
  bool dry_run = false;
  std::string task_file;
  int64_t start_task = 0;
  std::optional<int64_t> limit;
  std::string output_file;  ///< CLI-27; "" = none
  CatalogSourceOptions catalog;  ///< --catalog, --refresh-prices
  /// --estimated-task-seconds: mean task time for the cost estimate of the plan
  /// (--continue without it: the mean over the tasks completed so far).
  std::optional<double> estimated_task_seconds;
  /// Tasks in the task file when the caller has already counted them (fresh runs).
  std::optional<int64_t> task_count;
  /// Local provider: the queue folder, exported to the workers.
  std::optional<std::string> local_queue_dir;
  /// Asked before an existing queue or database is replaced (fresh runs).
  std::function<bool(const std::string& what)> confirm_replace;
  /// Polled every turn of the loop; true once the user pressed Ctrl+C.
  std::function<bool()> interrupted;
  /// Called after an interrupt; the answer decides what happens (CLI-25).
  std::function<InterruptChoice()> on_interrupt;
  /// Called about every `progress_interval`.
  std::function<void(const Progress&)> on_progress;
  std::chrono::milliseconds progress_interval{2000};
  /// Longest wait for events per turn of the loop.
  std::chrono::milliseconds poll_wait{1000};
};

struct JobOutcome {
  enum class Kind { kCompleted, kAborted, kTerminated, kLeftRunning, kDryRun, kCancelled };
  Kind kind = Kind::kCompleted;
  std::string message;              ///< abort reason, cancellation, ...
  std::vector<std::string> plan;    ///< dry run: the plan, one line each
  std::vector<std::string> report;  ///< kCompleted: the final report (CLI-60)
};

Result<JobOutcome> RunJob(compute::Provider& provider, queue::QueueService& queues,
                          const JobRunnerOptions& options);

/// `run --dry-run --catalog FILE`: the plan from the file alone, with no provider, queue
/// or credentials (offline planning). Needs options.catalog.catalog_file.
Result<JobOutcome> PlanJobFromCatalogFile(const JobRunnerOptions& options);

}  // namespace cloud_tasks::orchestrator
