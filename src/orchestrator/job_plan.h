#pragma once
/// Everything decided before a job touches any state (BUG-CLI-10): the instance type and
/// its price, tasks per instance, boot disk size, the rendered startup script and the
/// pool manager's settings. Also what `--dry-run` prints.
///
/// Instance-type choice here is interim (the full constraint set and ranking of ORC-10..12
/// arrive with the selection module): vCPU range (with cpus_per_task × min/max tasks per
/// instance), total memory range, spot support when use_spot, then the lowest price per
/// vCPU (rounded to 4 decimals), ties to the most vCPUs.

#include <string>
#include <vector>

#include "compute/provider.h"
#include "orchestrator/job_runner.h"
#include "orchestrator/pool_manager.h"

namespace cloud_tasks::orchestrator {

struct JobPlan {
  compute::InstanceType type;
  compute::PriceQuote quote;
  int64_t tasks_per_instance = 1;
  int boot_disk_gb = 10;
  std::string startup_script;
  PoolManagerOptions pool;

  /// "Instance type: ...", "Tasks per instance: ...", budgets, then the script.
  std::vector<std::string> Describe(std::optional<int64_t> task_count) const;
};

Result<JobPlan> MakeJobPlan(compute::Provider& provider, const JobRunnerOptions& options);

/// The interim constraint check (see the top of this file): vCPU range with the
/// per-task forms, total memory range, spot support when use_spot.
bool MeetsConstraints(const compute::InstanceType& type, const config::Settings& settings);

/// INS-04: max(total_boot_disk_size (default 10), base + per_cpu × vcpu,
/// base + per_task × floor(vcpu / cpus_per_task)), missing terms 0; truncated (ORC-03).
int BootDiskGb(const config::Settings& s, int vcpu);

}  // namespace cloud_tasks::orchestrator
