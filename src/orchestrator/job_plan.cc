#include "orchestrator/job_plan.h"

#include <fmt/format.h>

#include "compute/selection/constraints_from_settings.h"
#include "core/strings.h"
#include "orchestrator/startup_script.h"

namespace cloud_tasks::orchestrator {
namespace {

StartupValues ValuesFor(const JobRunnerOptions& o, const JobPlan& plan) {
  const config::Settings& s = o.settings;
  StartupValues v;
  v.provider = s.provider;
  v.project_id = s.project_id;
  v.job_id = s.job_id.value_or("");
  v.queue_name = s.queue_name.value_or(v.job_id);
  v.exactly_once_queue = s.exactly_once_queue.value_or(false);
  const compute::selection::PricedOption& w = plan.choice.winner;
  v.instance_type = w.type.name;
  v.num_vcpus = w.type.vcpu;
  v.memory_gb = w.type.mem_gb;
  v.local_ssd_gb = w.type.local_ssd_gb;
  v.boot_disk_gb = w.boot_disk_gb;
  v.is_spot = w.spot;
  v.price_per_hour = w.total_price;
  v.tasks_per_instance = plan.tasks_per_instance;
  v.max_runtime = s.max_runtime.value_or(3600);
  v.retry_on_exit = s.retry_on_exit.value_or(false);
  v.retry_on_exception = s.retry_on_exception.value_or(false);
  v.retry_on_timeout = s.retry_on_timeout.value_or(false);
  v.keepalive_interval = s.keepalive_interval;
  v.max_memory_allowed_per_task = s.max_memory_allowed_per_task;
  v.local_queue_dir = o.local_queue_dir;
  return v;
}

}  // namespace

Result<JobPlan> MakeJobPlan(const compute::Catalog& catalog, const JobRunnerOptions& o) {
  const config::Settings& s = o.settings;
  if (!s.job_id || s.job_id->empty()) return InvalidArgumentError("job_id must be specified");
  JobPlan plan;
  CT_ASSIGN_OR_RETURN(plan.choice,
                      compute::selection::ChooseInstanceType(catalog, compute::selection::ConstraintsFromSettings(s)));
  const compute::selection::PricedOption& w = plan.choice.winner;
  plan.tasks_per_instance =
      TasksPerInstance(w.type.vcpu, s.cpus_per_task, s.min_tasks_per_instance, s.max_tasks_per_instance);
  CT_ASSIGN_OR_RETURN(plan.startup_script,
                      RenderStartupScript(s.startup_script.value_or(""), ValuesFor(o, plan)));
  PoolManagerOptions& p = plan.pool;
  p.job_id = *s.job_id;
  p.type = w.type;
  p.price_per_hour = w.total_price;
  // A region-wide price ("us-central1-*") names no zone: the provider picks one.
  p.zone = EndsWith(w.zone, "*") ? s.zone.value_or("") : w.zone;
  p.spot = w.spot;
  p.image = s.image.value_or("");
  p.boot_disk_gb = w.boot_disk_gb;
  p.boot_disk_type = w.boot_disk_type;
  p.startup_script = plan.startup_script;
  p.tasks_per_instance = plan.tasks_per_instance;
  p.cpus_per_task = s.cpus_per_task.value_or(1);
  p.limits = PoolLimitsFromSettings(s);
  p.scaling_check_interval = std::chrono::seconds(s.scaling_check_interval.value_or(60));
  p.instance_termination_delay = std::chrono::seconds(s.instance_termination_delay.value_or(60));
  p.keepalive_timeout = std::chrono::seconds(s.keepalive_timeout.value_or(300));
  p.keepalive_startup_timeout = std::chrono::seconds(s.keepalive_startup_timeout.value_or(600));
  return plan;
}

std::vector<std::string> JobPlan::Describe(std::optional<int64_t> task_count, std::optional<double> task_seconds,
                                           const std::string& task_seconds_source) const {
  std::vector<std::string> lines = catalog_notes;
  for (auto& l : choice.Explain()) lines.push_back(std::move(l));  // warnings included
  lines.push_back(fmt::format("Tasks per instance: {}", tasks_per_instance));
  if (task_count) {
    PoolInputs in;
    in.remaining_tasks = *task_count;
    in.cpus_per_task = pool.cpus_per_task;
    in.tasks_per_instance = tasks_per_instance;
    in.type_vcpus = type().vcpu;
    in.type_price_per_hour = price_per_hour();
    in.limits = pool.limits;
    PoolPlan p = PlanScaling(in);
    double hourly = static_cast<double>(p.to_start) * price_per_hour();
    lines.push_back(fmt::format("Tasks: {}", *task_count));
    lines.push_back(fmt::format("Planned pool: {} instance{} of {}, {} vCPUs, {} tasks at once, ${:.4f}/hour "
                                "(limited by {})",
                                p.to_start, p.to_start == 1 ? "" : "s", type().name, p.to_start * type().vcpu,
                                p.to_start * tasks_per_instance, hourly, p.limited_by));
    for (const auto& w : p.warnings) lines.push_back("Warning: " + w);
    if (!task_seconds_source.empty()) lines.push_back(task_seconds_source);  // right before the estimate
    if (task_seconds && *task_seconds > 0 && p.to_start > 0) {
      // Tasks run in waves of (instances × tasks per instance); start-up time and
      // retries are not counted.
      int64_t slots = p.to_start * tasks_per_instance;
      int64_t waves = (*task_count + slots - 1) / slots;
      double hours = static_cast<double>(waves) * *task_seconds / 3600;
      lines.push_back(fmt::format("Estimate: {} wave{} of {:g} s = {:.2f} hours, about ${:.2f} in total "
                                  "(start-up and retries not counted)",
                                  waves, waves == 1 ? "" : "s", *task_seconds, hours, hours * hourly));
    }
  }
  lines.push_back("Startup script:");
  for (const auto& l : SplitAny(startup_script, "\n")) lines.push_back("  " + l);
  return lines;
}

}  // namespace cloud_tasks::orchestrator
