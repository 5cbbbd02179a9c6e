#include "compute/selection/price_list.h"

#include <string>
#include <utility>

#include "compute/selection/boot_disk.h"

namespace cloud_tasks::compute::selection {
namespace {

// (disk type, hourly disk price) pairs `type` may use with a disk of `gb`.
std::vector<std::pair<std::string, double>> DiskOptions(const Catalog& catalog, const InstanceType& type,
                                                        const BootDiskOptions& disk, int gb) {
  std::vector<std::pair<std::string, double>> out;
  if (catalog.boot_disks.empty()) {
    for (const std::string* name : UnpricedDiskTypes(type, disk)) out.emplace_back(*name, 0.0);
    return out;
  }
  for (size_t i : PricedDiskTypes(catalog, type, disk)) {
    const BootDiskRate& rate = catalog.boot_disks[i];
    out.emplace_back(rate.type, BootDiskPrice(rate, gb, disk));
  }
  return out;
}

}  // namespace

std::vector<PricedOption> ListPricedOptions(const Catalog& catalog, const ConstraintMatcher& matcher) {
  const Constraints& c = matcher.constraints();
  const bool spot = c.use_spot.value_or(false);
  std::vector<PricedOption> out;
  for (const CatalogType& ct : catalog.types) {
    if (ct.type.vcpu < 1 || matcher.FirstFailure(ct.type)) continue;
    const int gb = BootDiskGb(c.boot_disk.sizing, ct.type.vcpu, c.cpus_per_task);
    const auto disks = DiskOptions(catalog, ct.type, c.boot_disk, gb);
    for (const ZonePrice& zp : ct.zones) {
      const std::optional<double>& price = spot ? zp.spot : zp.on_demand;
      if (!price) continue;
      for (const auto& [disk_type, disk_price] : disks) {
        PricedOption o;
        o.type = ct.type;
        o.zone = zp.zone;
        o.boot_disk_type = disk_type;
        o.spot = spot;
        o.boot_disk_gb = gb;
        o.compute_price = *price;
        o.boot_disk_price = disk_price;
        o.total_price = *price + disk_price;
        o.price_per_vcpu = o.total_price / ct.type.vcpu;
        out.push_back(std::move(o));
      }
    }
  }
  return out;
}

}  // namespace cloud_tasks::compute::selection
