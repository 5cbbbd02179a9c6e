#pragma once
/// Boot disk size of an instance (INS-04), pure.

#include <optional>

namespace cloud_tasks::compute::selection {

/// The boot disk settings (config keys of the same names).
struct BootDiskSizing {
  double total_boot_disk_size = 10;  ///< GB; the floor of the size
  double boot_disk_base_size = 0;    ///< GB added to the per-CPU and per-task amounts
  std::optional<double> boot_disk_per_cpu;
  std::optional<double> boot_disk_per_task;
};

/// max(total_boot_disk_size, base + per_cpu × vcpu, base + per_task × floor(vcpu /
/// cpus_per_task)); an unset per-CPU or per-task term drops out. Rounded *up* to whole
/// GB (ceil, with 1e-9 slack for float noise) so the disk is never smaller than asked;
/// the original truncated, which could undersize it by up to 1 GB. `cpus_per_task` <= 0
/// is read as 1 (config rejects it; BUG-CFG-05).
int BootDiskGb(const BootDiskSizing& sizing, int vcpu, double cpus_per_task);

}  // namespace cloud_tasks::compute::selection
