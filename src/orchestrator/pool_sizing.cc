#include "orchestrator/pool_sizing.h"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

#include "core/strings.h"

namespace cloud_tasks::orchestrator {
namespace {

constexpr int64_t kUnlimited = std::numeric_limits<int64_t>::max();
// Budgets are divided in floating point: 0.3 / 0.1 must count as 3, not 2.
constexpr double kEpsilon = 1e-9;

int64_t FloorCount(double x) {
  if (!(x > 0)) return 0;  // also NaN
  double f = std::floor(x + kEpsilon);
  if (f >= 9.0e18) return kUnlimited;
  return static_cast<int64_t>(f);
}

int64_t CeilDiv(int64_t a, int64_t b) { return a / b + (a % b != 0 ? 1 : 0); }

// a + b * c without overflow (all >= 0), saturating at kUnlimited.
int64_t AddTimes(int64_t a, int64_t b, int64_t c) {
  if (b != 0 && c > (kUnlimited - a) / b) return kUnlimited;
  return a + b * c;
}

std::string Count(int64_t n, const char* noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

std::string Money(double dollars) { return fmt::format("${:.2f}", dollars); }

// The inputs with out-of-range values replaced as the header documents.
struct Normalized {
  int64_t remaining;
  double cpus_per_task;
  int64_t tasks_per_instance;
  int64_t type_vcpus;
  double type_price;
  int64_t live_instances;
  int64_t live_vcpus;
  double live_price;
  int64_t live_tasks;
};

Normalized Normalize(const PoolInputs& in) {
  Normalized n;
  n.remaining = in.remaining_tasks ? std::max<int64_t>(*in.remaining_tasks, 0) : 1;
  n.cpus_per_task = in.cpus_per_task > 0 ? in.cpus_per_task : 1;
  n.tasks_per_instance = std::max<int64_t>(in.tasks_per_instance, 1);
  n.type_vcpus = std::max<int64_t>(in.type_vcpus, 1);
  n.type_price = in.type_price_per_hour > 0 ? in.type_price_per_hour : 0;
  n.live_instances = std::max<int64_t>(in.live.instances, 0);
  n.live_vcpus = std::max<int64_t>(in.live.vcpus, 0);
  n.live_price = in.live.price_per_hour > 0 ? in.live.price_per_hour : 0;
  n.live_tasks = in.live.task_slots ? std::max<int64_t>(*in.live.task_slots, 0)
                                    : FloorCount(static_cast<double>(n.live_vcpus) / n.cpus_per_task);
  return n;
}

// Rule 2: each maximum bounds the instances that may be added.
class MaximumRules {
 public:
  MaximumRules(const Normalized& n, PoolPlan* plan) : n_(n), plan_(plan) {}

  void Instances(std::optional<int64_t> max) {
    if (!max) return;
    if (n_.live_instances > *max)
      Warn(fmt::format("{} live instances exceed max_instances {}: adding none", n_.live_instances, *max));
    Bound("max_instances", std::max<int64_t>(*max - n_.live_instances, 0),
          fmt::format("max_instances {}", *max), fmt::format("{} live", n_.live_instances));
  }

  void SimultaneousTasks(std::optional<int64_t> max) {
    if (!max) return;
    // BUG-ORC-10 fixed: a pool over the cap adds nothing, whatever the other budgets say.
    if (n_.live_tasks > *max)
      Warn(fmt::format("{} can run on the live pool, more than max_simultaneous_tasks {}: adding none",
                       Count(n_.live_tasks, "task"), *max));
    int64_t more = n_.live_tasks >= *max ? 0 : (*max - n_.live_tasks) / n_.tasks_per_instance;
    Bound("max_simultaneous_tasks", more, fmt::format("max_simultaneous_tasks {}", *max),
          fmt::format("{} task slots live, {} per instance", n_.live_tasks, n_.tasks_per_instance));
  }

  void TotalCpus(std::optional<int64_t> max) {
    if (!max) return;
    if (n_.live_vcpus > *max)
      Warn(fmt::format("{} live vCPUs exceed max_total_cpus {}: adding none", n_.live_vcpus, *max));
    int64_t more = n_.live_vcpus >= *max ? 0 : (*max - n_.live_vcpus) / n_.type_vcpus;
    Bound("max_total_cpus", more, fmt::format("max_total_cpus {}", *max),
          fmt::format("{} vCPUs live, {} each", n_.live_vcpus, n_.type_vcpus));
  }

  void TotalPrice(std::optional<double> max) {
    if (!max) return;
    double available = *max - n_.live_price;
    bool over = available < -kEpsilon;
    if (over)
      Warn(fmt::format("live pool at {}/hour exceeds max_total_price_per_hour {}: adding none",
                       Money(n_.live_price), Money(*max)));
    int64_t more = over ? 0 : n_.type_price > 0 ? FloorCount(available / n_.type_price) : kUnlimited;
    Bound("max_total_price_per_hour", more, fmt::format("max_total_price_per_hour {}", Money(*max)),
          fmt::format("{}/hour live, {}/hour each", Money(n_.live_price), Money(n_.type_price)));
  }

 private:
  void Warn(std::string text) { plan_->warnings.push_back(std::move(text)); }

  void Bound(const char* rule, int64_t more, const std::string& what, const std::string& detail) {
    if (more == kUnlimited) {
      plan_->reasons.push_back(fmt::format("{} does not limit instances ({})", what, detail));
      return;
    }
    plan_->reasons.push_back(
        fmt::format("{} allows {} more instance{} ({})", what, more, more == 1 ? "" : "s", detail));
    if (more < plan_->to_start) {
      plan_->to_start = more;
      plan_->limited_by = rule;
    }
  }

  const Normalized& n_;
  PoolPlan* plan_;
};

// Rule 3: minimums on the resulting pool; a shortfall is excused when the pool covers
// the remaining work (minimums never force idle instances).
void CheckMinimums(const Normalized& n, const PoolLimits& limits, PoolPlan* plan) {
  const int64_t pool = n.live_instances + plan->to_start;
  const bool work_covered = pool >= plan->needed_instances;
  auto check = [&](const char* key, bool met, const std::string& minimum, const std::string& actual) {
    if (met) return;
    std::string text = fmt::format("{} {} ({})", key, minimum, actual);
    if (work_covered) {
      plan->reasons.push_back(fmt::format("{} not applied: the remaining work needs only {}", text,
                                          Count(plan->needed_instances, "instance")));
    } else {
      plan->min_violations.push_back(std::move(text));
    }
  };
  if (limits.min_instances)
    check("min_instances", pool >= *limits.min_instances, std::to_string(*limits.min_instances),
          fmt::format("resulting pool {}", Count(pool, "instance")));
  if (limits.min_total_cpus) {
    int64_t vcpus = AddTimes(n.live_vcpus, plan->to_start, n.type_vcpus);
    check("min_total_cpus", vcpus >= *limits.min_total_cpus, std::to_string(*limits.min_total_cpus),
          fmt::format("resulting pool {} vCPUs", vcpus));
  }
  if (limits.min_total_price_per_hour) {
    double price = n.live_price + static_cast<double>(plan->to_start) * n.type_price;
    check("min_total_price_per_hour", price + kEpsilon >= *limits.min_total_price_per_hour,
          Money(*limits.min_total_price_per_hour), fmt::format("resulting pool {}/hour", Money(price)));
  }
  if (limits.min_simultaneous_tasks) {
    int64_t tasks = AddTimes(n.live_tasks, plan->to_start, n.tasks_per_instance);
    check("min_simultaneous_tasks", tasks >= *limits.min_simultaneous_tasks,
          std::to_string(*limits.min_simultaneous_tasks), fmt::format("resulting pool {} task slots", tasks));
  }
  if (!plan->min_violations.empty())
    plan->warnings.push_back(fmt::format("Violated minimum constraints (limited by {}): {}", plan->limited_by,
                                         Join(plan->min_violations, "; ")));
}

}  // namespace

PoolLimits PoolLimitsFromSettings(const config::Settings& s) {
  return PoolLimits{
      .min_instances = s.min_instances,
      .max_instances = s.max_instances,
      .min_total_cpus = s.min_total_cpus,
      .max_total_cpus = s.max_total_cpus,
      .min_total_price_per_hour = s.min_total_price_per_hour,
      .max_total_price_per_hour = s.max_total_price_per_hour,
      .min_simultaneous_tasks = s.min_simultaneous_tasks,
      .max_simultaneous_tasks = s.max_simultaneous_tasks,
  };
}

PoolPlan PlanScaling(const PoolInputs& in) {
  const Normalized n = Normalize(in);
  PoolPlan plan;

  // Rule 1 (BUG-ORC-01 fixed): never more instances than the remaining work needs.
  plan.needed_instances = CeilDiv(n.remaining, n.tasks_per_instance);
  plan.to_start = std::max<int64_t>(plan.needed_instances - n.live_instances, 0);
  plan.limited_by = "remaining work";
  plan.reasons.push_back(fmt::format(
      "remaining work{}: {} at {} per instance needs {}; {} live, so {} more",
      in.remaining_tasks ? "" : " unknown, counted as 1 task", Count(n.remaining, "task"),
      n.tasks_per_instance, Count(plan.needed_instances, "instance"), n.live_instances, plan.to_start));

  MaximumRules maximums(n, &plan);
  maximums.Instances(in.limits.max_instances);
  maximums.SimultaneousTasks(in.limits.max_simultaneous_tasks);
  maximums.TotalCpus(in.limits.max_total_cpus);
  maximums.TotalPrice(in.limits.max_total_price_per_hour);

  CheckMinimums(n, in.limits, &plan);

  if (in.tail) {
    plan.surplus = std::max<int64_t>(n.live_instances - plan.needed_instances, 0);
    plan.reasons.push_back(fmt::format("tail of the job: {} live, {} needed, {} surplus", n.live_instances,
                                       plan.needed_instances, plan.surplus));
  }
  plan.reasons.push_back(fmt::format("start {} (limited by {}) for an incremental {}/hour",
                                     Count(plan.to_start, "instance"), plan.limited_by,
                                     Money(static_cast<double>(plan.to_start) * n.type_price)));
  return plan;
}

int TasksPerInstance(int vcpu, std::optional<double> cpus_per_task,
                     std::optional<int64_t> min_tasks_per_instance,
                     std::optional<int64_t> max_tasks_per_instance) {
  int64_t n = cpus_per_task && *cpus_per_task > 0 ? FloorCount(vcpu / *cpus_per_task) : vcpu;
  if (min_tasks_per_instance && n < *min_tasks_per_instance) n = *min_tasks_per_instance;
  if (max_tasks_per_instance && n > *max_tasks_per_instance) n = *max_tasks_per_instance;
  return static_cast<int>(std::clamp<int64_t>(n, 1, INT_MAX));
}

}  // namespace cloud_tasks::orchestrator
