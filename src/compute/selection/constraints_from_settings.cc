#include "compute/selection/constraints_from_settings.h"

namespace cloud_tasks::compute::selection {
namespace {

std::optional<int> Int(const std::optional<int64_t>& v) {
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

}  // namespace

Constraints ConstraintsFromSettings(const config::Settings& s) {
  Constraints c;
  c.architecture = s.architecture;
  c.cpu_family = s.cpu_family;
  c.min_cpu_rank = Int(s.min_cpu_rank);
  c.max_cpu_rank = Int(s.max_cpu_rank);
  c.min_cpu = Int(s.min_cpu);
  c.max_cpu = Int(s.max_cpu);
  c.cpus_per_task = s.cpus_per_task.value_or(1);
  c.min_tasks_per_instance = Int(s.min_tasks_per_instance);
  c.max_tasks_per_instance = Int(s.max_tasks_per_instance);
  c.min_total_memory = s.min_total_memory;
  c.max_total_memory = s.max_total_memory;
  c.min_memory_per_cpu = s.min_memory_per_cpu;
  c.max_memory_per_cpu = s.max_memory_per_cpu;
  c.min_memory_per_task = s.min_memory_per_task;
  c.max_memory_per_task = s.max_memory_per_task;
  c.min_local_ssd = s.min_local_ssd;
  c.max_local_ssd = s.max_local_ssd;
  c.local_ssd_base_size = s.local_ssd_base_size.value_or(0);
  c.min_local_ssd_per_cpu = s.min_local_ssd_per_cpu;
  c.max_local_ssd_per_cpu = s.max_local_ssd_per_cpu;
  c.min_local_ssd_per_task = s.min_local_ssd_per_task;
  c.max_local_ssd_per_task = s.max_local_ssd_per_task;
  c.instance_types = s.instance_types.value_or(std::vector<std::string>{});
  c.use_spot = s.use_spot;
  c.boot_disk.types = s.boot_disk_types.value_or(std::vector<std::string>{});
  if (s.boot_disk_iops) c.boot_disk.iops = static_cast<int>(*s.boot_disk_iops);
  if (s.boot_disk_throughput) c.boot_disk.throughput = static_cast<int>(*s.boot_disk_throughput);
  c.boot_disk.sizing.total_boot_disk_size = s.total_boot_disk_size.value_or(10);
  c.boot_disk.sizing.boot_disk_base_size = s.boot_disk_base_size.value_or(0);
  c.boot_disk.sizing.boot_disk_per_cpu = s.boot_disk_per_cpu;
  c.boot_disk.sizing.boot_disk_per_task = s.boot_disk_per_task;
  return c;
}

}  // namespace cloud_tasks::compute::selection
