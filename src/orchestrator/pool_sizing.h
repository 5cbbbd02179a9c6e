#pragma once
/// How many instances a scaling check starts or may retire (seed inventory 7.3, ORC-20..26,
/// with BUG-ORC-01/02/03/10 fixed). Pure: no clock, no provider, no logging; the caller
/// logs `reasons` and `warnings` and acts on the counts.
///
/// Rules, in order:
///  1. Work: the pool never grows beyond what the remaining work needs,
///     ceil(remaining tasks / tasks_per_instance) instances (BUG-ORC-01 fixed). Unknown
///     remaining work counts as 1 task, like the original's "1 if unknown", so an
///     unknown queue depth starts one instance, never a full pool.
///  2. Maximums are hard limits on the resulting pool: max_instances,
///     max_simultaneous_tasks, max_total_cpus, max_total_price_per_hour. A pool already
///     at or over a maximum adds nothing (BUG-ORC-10 fixed) and gets a warning.
///  3. Minimums (min_instances, min_total_cpus, min_total_price_per_hour,
///     min_simultaneous_tasks) apply to the *resulting pool* (live + started), never to
///     the increment (BUG-ORC-02 fixed), and only up to what the remaining work needs:
///     with `min_instances: 5` and 2 tasks left, no minimum forces idle machines.
///     Because rule 1 already sizes the pool to the work, a minimum can only fall short
///     when a maximum stops the pool from reaching it. Then the plan still starts what
///     the maximums allow (blocking would stall the job or refuse to replace a lost
///     instance) and reports the shortfall in `min_violations` and `warnings`; the
///     caller may treat that as fatal. Unset minimums are never formatted (BUG-ORC-03).
///  4. The count to start is never negative.
///  5. Surplus (tail only): live − needed instances, never negative. The caller
///     retires idle instances only after `instance_termination_delay`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/keys.h"

namespace cloud_tasks::orchestrator {

/// Pool limits, each unset = no limit (names are the YAML keys).
struct PoolLimits {
  std::optional<int64_t> min_instances;
  std::optional<int64_t> max_instances;
  std::optional<int64_t> min_total_cpus;
  std::optional<int64_t> max_total_cpus;
  std::optional<double> min_total_price_per_hour;
  std::optional<double> max_total_price_per_hour;
  std::optional<int64_t> min_simultaneous_tasks;
  std::optional<int64_t> max_simultaneous_tasks;
};

/// The limits from the merged configuration (defaults already applied by config).
PoolLimits PoolLimitsFromSettings(const config::Settings& settings);

/// The job's live instances (running + starting), ORC-21.
struct LivePool {
  int64_t instances = 0;
  int64_t vcpus = 0;
  double price_per_hour = 0;
  /// Tasks the live pool runs at once. Unset: estimated like the original as
  /// floor(vcpus / cpus_per_task).
  std::optional<int64_t> task_slots;
};

struct PoolInputs {
  /// Tasks not yet terminal (from the job database, else the queue depth); unset when
  /// unknown, which counts as 1 task. Negative counts as 0.
  std::optional<int64_t> remaining_tasks;
  double cpus_per_task = 1;        ///< <= 0 counts as 1
  int64_t tasks_per_instance = 1;  ///< see TasksPerInstance; < 1 counts as 1
  int64_t type_vcpus = 1;          ///< vCPUs of the selected instance type; < 1 counts as 1
  double type_price_per_hour = 0;  ///< total $/h of one new instance; 0 = free (local)
  LivePool live;
  PoolLimits limits;
  /// The tail of the job: no task waits in the queue, so a pool larger than the work
  /// needs is surplus. Outside the tail no surplus is reported.
  bool tail = false;
};

struct PoolPlan {
  int64_t needed_instances = 0;  ///< instances the remaining work needs (rule 1)
  int64_t to_start = 0;          ///< >= 0
  int64_t surplus = 0;           ///< >= 0; only at the tail
  /// Name of the rule that set `to_start`: "remaining work", "max_instances",
  /// "max_simultaneous_tasks", "max_total_cpus" or "max_total_price_per_hour".
  std::string limited_by;
  /// One line per rule considered, e.g. "max_total_price_per_hour $15.00 allows 7 more
  /// instances ($0.00/hour live, $1.99/hour each)".
  std::vector<std::string> reasons;
  /// Pool over a maximum, minimums out of reach, and similar.
  std::vector<std::string> warnings;
  /// The minimums the resulting pool falls short of, e.g. "min_instances 5 (pool 3)".
  std::vector<std::string> min_violations;
};

/// The plan for one scaling check; see the rules at the top of this file.
PoolPlan PlanScaling(const PoolInputs& inputs);

/// ORC-03: floor(vcpu / cpus_per_task) (vcpu when cpus_per_task is unset or <= 0), then
/// raised to `min_tasks_per_instance`, then lowered to `max_tasks_per_instance` (so
/// the maximum wins a conflict); at least 1, since an instance always runs a task.
int TasksPerInstance(int vcpu, std::optional<double> cpus_per_task,
                     std::optional<int64_t> min_tasks_per_instance,
                     std::optional<int64_t> max_tasks_per_instance);

}  // namespace cloud_tasks::orchestrator
