// Choice::Explain: the human-readable account of a choice.

#include <fmt/format.h>

#include "compute/selection/choose.h"

namespace cloud_tasks::compute::selection {
namespace {

std::string Headline(const PricedOption& o) {
  std::string disk = o.boot_disk_type.empty() ? "" : " (" + o.boot_disk_type + ")";
  return fmt::format("{}{} in {} at ${:.6f}/hour (${:.6f}/vCPU/hour, {})", o.type.name, disk, o.zone,
                     o.total_price, o.price_per_vcpu, o.spot ? "spot" : "on-demand");
}

}  // namespace

std::vector<std::string> Choice::Explain() const {
  std::vector<std::string> lines;
  lines.push_back("Selected " + Headline(winner));
  std::string ssd = winner.type.local_ssd_gb > 0 ? fmt::format("{:g} GB local SSD", winner.type.local_ssd_gb)
                                                 : "no local SSD";
  lines.push_back(fmt::format("  {} vCPUs, {:g} GB RAM, {}, boot disk {} GB (${:.6f}/hour)", winner.type.vcpu,
                              winner.type.mem_gb, ssd, winner.boot_disk_gb, winner.boot_disk_price));
  lines.push_back(fmt::format(
      "{} types in the catalog, {} meet the constraints, {} priced ({} options compared)", types_in_catalog,
      types_matching, types_matching - types_unpriced - types_no_disk, options_priced));
  for (const Removal& r : removals) lines.push_back(fmt::format("  {} removed {}", r.constraint, r.removed));
  if (types_unpriced > 0) lines.push_back(fmt::format("  no price for {} matching types", types_unpriced));
  if (types_no_disk > 0)
    lines.push_back(fmt::format("  no allowed boot disk for {} matching types", types_no_disk));
  for (size_t i = 0; i < runners_up.size(); ++i) {
    const PricedOption& r = runners_up[i];
    double pct = winner.price_per_vcpu > 0 ? (r.price_per_vcpu / winner.price_per_vcpu - 1) * 100 : 0;
    lines.push_back(fmt::format("Runner-up {}: {} ({:+.2f}% per vCPU)", i + 1, Headline(r), pct));
  }
  for (const std::string& w : warnings) lines.push_back("Warning: " + w);
  return lines;
}

}  // namespace cloud_tasks::compute::selection
