#pragma once
/// Total hourly price of one instance type in one zone with one boot disk type (INS-02):
/// compute price plus the boot disk sized for the type (INS-04) and, where the disk type
/// has such rates, its provisioned IOPS and throughput.

#include <string>
#include <vector>

#include "compute/catalog.h"
#include "compute/selection/constraints.h"

namespace cloud_tasks::compute::selection {

/// One priced way to run a type.
struct PricedOption {
  InstanceType type;
  std::string zone;
  std::string boot_disk_type;  ///< "" when neither the catalog nor the user names one
  bool spot = false;
  int boot_disk_gb = 0;
  double compute_price = 0;    ///< vCPUs + memory + local SSD, USD/hour
  double boot_disk_price = 0;  ///< size + IOPS + throughput, USD/hour
  double total_price = 0;      ///< compute_price + boot_disk_price
  double price_per_vcpu = 0;   ///< total_price / vCPUs
};

/// Hourly price of `rate` for a disk of `gb` with the provisioned IOPS and throughput of
/// `disk` (each counted only when the rate for it is non-zero).
double BootDiskPrice(const BootDiskRate& rate, int gb, const BootDiskOptions& disk);

/// The boot disk types a type may use, in the catalog's rate order: the type's supported
/// list ({} = any priced type) ∩ the allowed list ({} = any). Indexes into
/// `catalog.boot_disks`. When the catalog has no rates the result is empty; see
/// UnpricedDiskTypes.
std::vector<size_t> PricedDiskTypes(const Catalog& catalog, const InstanceType& type,
                                    const BootDiskOptions& disk);

/// For a catalog without disk rates: the type's supported ∩ allowed names, or {""} when
/// neither side names any. Empty when both name types and none is common. The pointers
/// point into `type.boot_disk_types`, `disk.types` or a static empty string.
std::vector<const std::string*> UnpricedDiskTypes(const InstanceType& type, const BootDiskOptions& disk);

}  // namespace cloud_tasks::compute::selection
