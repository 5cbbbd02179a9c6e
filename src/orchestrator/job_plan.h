#pragma once
/// Everything decided before a job touches any state (BUG-CLI-10): the instance type and
/// its price (compute/selection: every constraint of INS-03, lowest total price per vCPU),
/// tasks per instance, boot disk size, the rendered startup script and the pool
/// manager's settings. Also what `--dry-run` prints: the choice and why, the planned
/// pool and, when a task time is known, the estimated cost.

#include <string>
#include <vector>

#include "compute/catalog.h"
#include "compute/selection/choose.h"
#include "orchestrator/job_runner.h"
#include "orchestrator/pool_manager.h"

namespace cloud_tasks::orchestrator {

struct JobPlan {
  compute::selection::Choice choice;  ///< choice.winner: type, zone, disk, prices
  std::vector<std::string> catalog_notes;  ///< where the catalog came from
  int64_t tasks_per_instance = 1;
  std::string startup_script;
  PoolManagerOptions pool;

  const compute::InstanceType& type() const { return choice.winner.type; }
  double price_per_hour() const { return choice.winner.total_price; }

  /// The catalog notes, the choice and its explanation, tasks per instance, and with a
  /// task count the planned pool (instances, vCPUs, $/hour, what limits it); with a mean
  /// task time also the estimated duration and cost of the job, preceded by
  /// `task_seconds_source` (where that time came from) when given. Then the script.
  std::vector<std::string> Describe(std::optional<int64_t> task_count,
                                    std::optional<double> task_seconds = std::nullopt,
                                    const std::string& task_seconds_source = "") const;
};

/// Chooses from `catalog` under the merged settings' constraints and fills the rest.
Result<JobPlan> MakeJobPlan(const compute::Catalog& catalog, const JobRunnerOptions& options);

}  // namespace cloud_tasks::orchestrator
