#include "compute/selection/pricing.h"

#include <algorithm>

namespace cloud_tasks::compute::selection {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

double BootDiskPrice(const BootDiskRate& rate, int gb, const BootDiskOptions& disk) {
  double price = rate.per_gb_hour * gb;
  if (rate.per_iops_hour != 0) price += rate.per_iops_hour * disk.iops;
  if (rate.per_mbps_hour != 0) price += rate.per_mbps_hour * disk.throughput;
  return price;
}

std::vector<size_t> PricedDiskTypes(const Catalog& catalog, const InstanceType& type,
                                    const BootDiskOptions& disk) {
  std::vector<size_t> out;
  for (size_t i = 0; i < catalog.boot_disks.size(); ++i) {
    const std::string& name = catalog.boot_disks[i].type;
    if (!type.boot_disk_types.empty() && !Contains(type.boot_disk_types, name)) continue;
    if (!disk.types.empty() && !Contains(disk.types, name)) continue;
    out.push_back(i);
  }
  return out;
}

std::vector<const std::string*> UnpricedDiskTypes(const InstanceType& type, const BootDiskOptions& disk) {
  static const std::string kNone;
  std::vector<const std::string*> out;
  if (type.boot_disk_types.empty() && disk.types.empty()) {
    out.push_back(&kNone);
  } else if (type.boot_disk_types.empty()) {
    for (const std::string& name : disk.types) out.push_back(&name);
  } else {
    for (const std::string& name : type.boot_disk_types) {
      if (disk.types.empty() || Contains(disk.types, name)) out.push_back(&name);
    }
  }
  return out;
}

}  // namespace cloud_tasks::compute::selection
