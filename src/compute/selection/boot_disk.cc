#include "compute/selection/boot_disk.h"

#include <algorithm>
#include <cmath>

namespace cloud_tasks::compute::selection {

int BootDiskGb(const BootDiskSizing& sizing, int vcpu, double cpus_per_task) {
  if (!(cpus_per_task > 0)) cpus_per_task = 1;
  double size = sizing.total_boot_disk_size;
  if (sizing.boot_disk_per_cpu) {
    size = std::max(size, sizing.boot_disk_base_size + *sizing.boot_disk_per_cpu * vcpu);
  }
  if (sizing.boot_disk_per_task) {
    double tasks = std::floor(vcpu / cpus_per_task + 1e-9);
    size = std::max(size, sizing.boot_disk_base_size + *sizing.boot_disk_per_task * tasks);
  }
  return static_cast<int>(std::ceil(size - 1e-9));
}

}  // namespace cloud_tasks::compute::selection
