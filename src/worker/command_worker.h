#pragma once
/// `cloud_tasks worker -- PROGRAM ARGS...`: the command runner wired to its task source
/// and event log.

#include <string>
#include <vector>

#include "core/status.h"
#include "worker/settings.h"
#include "worker/shared_flags.h"
#include "worker/supervisor.h"
#include "worker/task_source.h"

namespace cloud_tasks::worker {

struct CommandWorkerOptions {
  WorkerSettings settings;           ///< resolved (ResolveWorkerSettings)
  std::vector<std::string> command;  ///< PROGRAM ARGS...
  std::string task_output_dir;       ///< "" = do not keep task output
};

/// Runs every task of the source; returns the counters. Errors are start-up failures
/// (no program, unreadable task file, event log not writable).
Result<WorkerStats> RunCommandWorker(const CommandWorkerOptions& options);

/// SupervisorOptions from resolved settings.
SupervisorOptions SupervisorOptionsFrom(const WorkerSettings& s);

/// Runs every task of `source` (or, when null, of the settings' task file) through
/// `launcher`, writing events where the settings say. `flags`, when given, is told about
/// shutdown requests and termination notices so task processes can see them.
Result<WorkerStats> RunTasks(const WorkerSettings& s, TaskLauncher& launcher,
                             std::unique_ptr<TaskSource> source, SharedFlags* flags = nullptr);

}  // namespace cloud_tasks::worker
