#pragma once
/// `cloud_tasks worker -- PROGRAM ARGS...`: the command runner wired to its task source
/// and event log.

#include <string>
#include <vector>

#include "core/status.h"
#include "worker/settings.h"
#include "worker/supervisor.h"
#include "worker/task_source.h"

namespace cloud_tasks::worker {

struct CommandWorkerOptions {
  WorkerSettings settings;            ///< resolved (ResolveWorkerSettings)
  std::vector<std::string> command;   ///< PROGRAM ARGS...
  std::string task_output_dir;        ///< "" = do not keep task output
};

/// Runs every task of the source; returns the counters. Errors are start-up failures
/// (no program, unreadable task file, event log not writable).
Result<WorkerStats> RunCommandWorker(const CommandWorkerOptions& options);

/// SupervisorOptions from resolved settings.
SupervisorOptions SupervisorOptionsFrom(const WorkerSettings& s);

/// Runs every task of `source` (or, when null, of the settings' task file) through
/// `launcher`, writing events where the settings say.
Result<WorkerStats> RunTasks(const WorkerSettings& s, TaskLauncher& launcher, std::unique_ptr<TaskSource> source,
                             std::function<void()> on_shutdown = nullptr);

}  // namespace cloud_tasks::worker
