#pragma once
/// Constraints from the merged configuration (config keys of the same names).

#include "compute/selection/constraints.h"
#include "config/keys.h"

namespace cloud_tasks::compute::selection {

/// Copies every instance-selection key: architecture, cpu_family, min/max_cpu_rank,
/// min/max_cpu, cpus_per_task (default 1), min/max_tasks_per_instance, the memory and
/// local SSD ranges, local_ssd_base_size, instance_types, use_spot, boot_disk_types,
/// boot_disk_iops/throughput (default 3120/170) and the boot disk sizing keys.
Constraints ConstraintsFromSettings(const config::Settings& settings);

}  // namespace cloud_tasks::compute::selection
