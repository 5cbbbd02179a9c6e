#include "orchestrator/job_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/strings.h"
#include "orchestrator/startup_script.h"

namespace cloud_tasks::orchestrator {

bool MeetsConstraints(const compute::InstanceType& t, const config::Settings& s) {
  double cpt = s.cpus_per_task.value_or(1);
  std::optional<double> min_cpu, max_cpu;
  if (s.min_cpu) min_cpu = static_cast<double>(*s.min_cpu);
  if (s.min_tasks_per_instance) min_cpu = std::max(min_cpu.value_or(0), cpt * *s.min_tasks_per_instance);
  if (s.max_cpu) max_cpu = static_cast<double>(*s.max_cpu);
  if (s.max_tasks_per_instance)
    max_cpu = std::min(max_cpu.value_or(1e18), cpt * static_cast<double>(*s.max_tasks_per_instance));
  if (min_cpu && t.vcpu < *min_cpu) return false;
  if (max_cpu && t.vcpu > *max_cpu) return false;
  if (s.min_total_memory && t.mem_gb < *s.min_total_memory) return false;
  if (s.max_total_memory && t.mem_gb > *s.max_total_memory) return false;
  if (s.use_spot.value_or(false) && !t.supports_spot) return false;
  return true;
}

namespace {

Result<std::pair<compute::InstanceType, compute::PriceQuote>> ChooseType(compute::Provider& provider,
                                                                         const config::Settings& s) {
  CT_ASSIGN_OR_RETURN(auto types, provider.ListInstanceTypes());
  std::erase_if(types, [&](const compute::InstanceType& t) { return !MeetsConstraints(t, s); });
  if (types.empty())
    return NotFoundError("No instance type meets requirements (check the vCPU and memory limits)");
  int disk = BootDiskGb(s, types.front().vcpu);
  CT_ASSIGN_OR_RETURN(auto quotes, provider.GetPrices(types, s.use_spot.value_or(false), disk));
  std::erase_if(quotes, [&](const compute::PriceQuote& q) {  // only quotes for the candidates
    return std::none_of(types.begin(), types.end(), [&](const auto& t) { return t.name == q.instance_type; });
  });
  if (quotes.empty()) return NotFoundError("No pricing data found for any instance types");
  auto type_of = [&](const compute::PriceQuote& q) -> const compute::InstanceType& {
    return *std::find_if(types.begin(), types.end(),
                         [&](const auto& t) { return t.name == q.instance_type; });
  };
  auto key = [&](const compute::PriceQuote& q) {
    const compute::InstanceType& t = type_of(q);
    return std::make_pair(std::round(q.total_price / std::max(1, t.vcpu) * 1e4) / 1e4, -t.vcpu);
  };
  std::stable_sort(quotes.begin(), quotes.end(),
                   [&](const auto& a, const auto& b) { return key(a) < key(b); });
  return std::make_pair(type_of(quotes.front()), quotes.front());
}

StartupValues ValuesFor(const JobRunnerOptions& o, const JobPlan& plan) {
  const config::Settings& s = o.settings;
  StartupValues v;
  v.provider = s.provider;
  v.project_id = s.project_id;
  v.job_id = s.job_id.value_or("");
  v.queue_name = s.queue_name.value_or(v.job_id);
  v.exactly_once_queue = s.exactly_once_queue.value_or(false);
  v.instance_type = plan.type.name;
  v.num_vcpus = plan.type.vcpu;
  v.memory_gb = plan.type.mem_gb;
  v.local_ssd_gb = plan.type.local_ssd_gb;
  v.boot_disk_gb = plan.boot_disk_gb;
  v.is_spot = s.use_spot.value_or(false);
  v.price_per_hour = plan.quote.total_price;
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

int BootDiskGb(const config::Settings& s, int vcpu) {
  double base = s.boot_disk_base_size.value_or(0);
  double size = s.total_boot_disk_size.value_or(10);
  if (s.boot_disk_per_cpu) size = std::max(size, base + *s.boot_disk_per_cpu * vcpu);
  if (s.boot_disk_per_task)
    size = std::max(size, base + *s.boot_disk_per_task * std::floor(vcpu / s.cpus_per_task.value_or(1)));
  return static_cast<int>(size);
}

Result<JobPlan> MakeJobPlan(compute::Provider& provider, const JobRunnerOptions& o) {
  const config::Settings& s = o.settings;
  if (!s.job_id || s.job_id->empty()) return InvalidArgumentError("job_id must be specified");
  JobPlan plan;
  CT_ASSIGN_OR_RETURN(auto chosen, ChooseType(provider, s));
  plan.type = std::move(chosen.first);
  plan.quote = std::move(chosen.second);
  plan.boot_disk_gb = BootDiskGb(s, plan.type.vcpu);
  plan.tasks_per_instance =
      TasksPerInstance(plan.type.vcpu, s.cpus_per_task, s.min_tasks_per_instance, s.max_tasks_per_instance);
  CT_ASSIGN_OR_RETURN(plan.startup_script,
                      RenderStartupScript(s.startup_script.value_or(""), ValuesFor(o, plan)));
  PoolManagerOptions& p = plan.pool;
  p.job_id = *s.job_id;
  p.type = plan.type;
  p.price_per_hour = plan.quote.total_price;
  p.zone = plan.quote.zone;
  p.spot = s.use_spot.value_or(false);
  p.image = s.image.value_or("");
  p.boot_disk_gb = plan.boot_disk_gb;
  p.boot_disk_type = plan.quote.boot_disk_type;
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

std::vector<std::string> JobPlan::Describe(std::optional<int64_t> task_count) const {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("Instance type: {} ({} vCPUs, {:.1f} GB) in zone '{}' at ${:.6f}/hour{}",
                              type.name, type.vcpu, type.mem_gb, quote.zone, quote.total_price,
                              pool.spot ? " (spot)" : ""));
  lines.push_back(fmt::format("Boot disk: {} GB{}", boot_disk_gb,
                              quote.boot_disk_type.empty() ? "" : " " + quote.boot_disk_type));
  lines.push_back(fmt::format("Tasks per instance: {}", tasks_per_instance));
  if (task_count) {
    PoolInputs in;
    in.remaining_tasks = *task_count;
    in.cpus_per_task = pool.cpus_per_task;
    in.tasks_per_instance = tasks_per_instance;
    in.type_vcpus = type.vcpu;
    in.type_price_per_hour = quote.total_price;
    in.limits = pool.limits;
    PoolPlan p = PlanScaling(in);
    lines.push_back(fmt::format("Tasks: {}", *task_count));
    lines.push_back(fmt::format("Instances to start: {} (limited by {}), ${:.4f}/hour in total", p.to_start,
                                p.limited_by, static_cast<double>(p.to_start) * quote.total_price));
    for (const auto& w : p.warnings) lines.push_back("Warning: " + w);
  }
  lines.push_back("Startup script:");
  for (const auto& l : SplitAny(startup_script, "\n")) lines.push_back("  " + l);
  return lines;
}

}  // namespace cloud_tasks::orchestrator
