#include "compute/selection/choose.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/strings.h"

namespace cloud_tasks::compute::selection {
namespace {

// The cheapest option of one type, by reference into the catalog until reported.
struct Best {
  const CatalogType* ct = nullptr;
  const ZonePrice* zone = nullptr;
  const std::string* disk = nullptr;
  int disk_gb = 0;
  double compute = 0;
  double disk_price = 0;
  double total = 0;
  double ppv = std::numeric_limits<double>::infinity();
};

// Exact ties within one type go to the smaller zone, then disk type name.
bool BetterWithinType(const Best& a, const Best& b) {
  if (a.ppv != b.ppv) return a.ppv < b.ppv;
  if (a.zone->zone != b.zone->zone) return a.zone->zone < b.zone->zone;
  return *a.disk < *b.disk;
}

// Order among equally cheap types: more vCPUs, then name.
bool PreferredTie(const Best& a, const Best& b) {
  if (a.ct->type.vcpu != b.ct->type.vcpu) return a.ct->type.vcpu > b.ct->type.vcpu;
  return a.ct->type.name < b.ct->type.name;
}

bool RankedBefore(const Best& a, const Best& b) {
  if (a.ppv != b.ppv) return a.ppv < b.ppv;
  return PreferredTie(a, b);
}

PricedOption Report(const Best& b, bool spot) {
  PricedOption o;
  o.type = b.ct->type;
  o.zone = b.zone->zone;
  o.boot_disk_type = *b.disk;
  o.spot = spot;
  o.boot_disk_gb = b.disk_gb;
  o.compute_price = b.compute;
  o.boot_disk_price = b.disk_price;
  o.total_price = b.total;
  o.price_per_vcpu = b.ppv;
  return o;
}

enum class PriceOutcome { kPriced, kNoPrice, kNoDisk };

// What every type of one choice shares: the disk rates the user allows, and a buffer.
struct DiskContext {
  std::vector<size_t> allowed_rates;  // indexes into catalog.boot_disks
  std::vector<std::pair<const std::string*, double>> choices;
};

DiskContext MakeDiskContext(const Catalog& catalog, const Constraints& c) {
  DiskContext ctx;
  InstanceType any;  // supports every type: leaves only the user's restriction
  ctx.allowed_rates = PricedDiskTypes(catalog, any, c.boot_disk);
  return ctx;
}

bool Supports(const InstanceType& t, const std::string& disk) {
  return t.boot_disk_types.empty() ||
         std::find(t.boot_disk_types.begin(), t.boot_disk_types.end(), disk) != t.boot_disk_types.end();
}

// Fills ctx.choices with the (disk name, hourly disk price) pairs `ct` may use.
void DiskChoices(const Catalog& catalog, const CatalogType& ct, const Constraints& c, int gb,
                 DiskContext& ctx) {
  ctx.choices.clear();
  if (catalog.boot_disks.empty()) {
    for (const std::string* name : UnpricedDiskTypes(ct.type, c.boot_disk))
      ctx.choices.emplace_back(name, 0.0);
    return;
  }
  for (size_t i : ctx.allowed_rates) {
    const BootDiskRate& rate = catalog.boot_disks[i];
    if (Supports(ct.type, rate.type))
      ctx.choices.emplace_back(&rate.type, BootDiskPrice(rate, gb, c.boot_disk));
  }
}

// Finds the cheapest (zone, disk type) of `ct` at spot or on-demand prices.
PriceOutcome PriceType(const Catalog& catalog, const CatalogType& ct, const Constraints& c, DiskContext& ctx,
                       Best& best, int64_t& options) {
  const bool spot = c.use_spot.value_or(false);
  const int gb = BootDiskGb(c.boot_disk.sizing, ct.type.vcpu, c.cpus_per_task);
  DiskChoices(catalog, ct, c, gb, ctx);
  bool any_price = false;
  for (const ZonePrice& zp : ct.zones) {
    const std::optional<double>& price = spot ? zp.spot : zp.on_demand;
    if (!price) continue;
    any_price = true;
    for (const auto& [disk, disk_price] : ctx.choices) {
      Best cand;
      cand.ct = &ct;
      cand.zone = &zp;
      cand.disk = disk;
      cand.disk_gb = gb;
      cand.compute = *price;
      cand.disk_price = disk_price;
      cand.total = *price + disk_price;
      cand.ppv = cand.total / ct.type.vcpu;
      ++options;
      if (best.ct == nullptr || BetterWithinType(cand, best)) best = cand;
    }
  }
  if (!any_price) return PriceOutcome::kNoPrice;
  return best.ct ? PriceOutcome::kPriced : PriceOutcome::kNoDisk;
}

std::string FunnelText(const std::vector<Removal>& removals, int64_t total) {
  std::vector<std::string> parts;
  for (const Removal& r : removals) parts.push_back(fmt::format("{} removed {}", r.constraint, r.removed));
  return fmt::format("of {} types: {}", total, Join(parts, ", "));
}

Status NothingLeft(const Choice& ch) {
  if (ch.removals.empty())
    return NotFoundError("No instance type meets the constraints: no type has any vCPUs");
  const Removal& last = ch.removals.back();
  return NotFoundError(fmt::format(
      "No instance type meets the constraints: {} removed the last {} candidate{} ({})", last.constraint,
      last.removed, last.removed == 1 ? "" : "s", FunnelText(ch.removals, ch.types_in_catalog)));
}

Status NoPrices(const Catalog& catalog, const Constraints& c, const Choice& ch) {
  std::string text =
      fmt::format("No pricing data found for any instance types: {} type{} meet{} the constraints but ",
                  ch.types_matching, ch.types_matching == 1 ? "" : "s", ch.types_matching == 1 ? "s" : "");
  std::string allowed = c.boot_disk.types.empty() ? "any" : Join(c.boot_disk.types, ", ");
  if (ch.types_unpriced == 0)
    return NotFoundError(text + "none can use the allowed boot disk types (" + allowed + ")");
  text += fmt::format("none has {} price in {}", c.use_spot.value_or(false) ? "a spot" : "an on-demand",
                      catalog.region.empty() ? "the catalog" : catalog.region);
  if (ch.types_no_disk > 0) text += " with an allowed boot disk type (" + allowed + ")";
  return NotFoundError(text);
}

// Among the types within the tolerance band of the cheapest, the preferred one.
size_t PickWinner(const std::vector<Best>& bests, double relative_tolerance) {
  double cheapest = std::numeric_limits<double>::infinity();
  for (const Best& b : bests) cheapest = std::min(cheapest, b.ppv);
  const double limit = cheapest + std::fabs(cheapest) * relative_tolerance;
  size_t winner = bests.size();
  for (size_t i = 0; i < bests.size(); ++i) {
    if (bests[i].ppv > limit) continue;
    if (winner == bests.size() || PreferredTie(bests[i], bests[winner])) winner = i;
  }
  return winner;
}

std::vector<Removal> Removals(const ConstraintMatcher& m,
                              const std::array<int64_t, kConstraintCount>& removed) {
  std::vector<Removal> out;
  for (int i = 0; i < kConstraintCount; ++i) {
    if (removed[static_cast<size_t>(i)] == 0) continue;
    Removal r;
    r.id = static_cast<ConstraintId>(i);
    r.constraint = m.Describe(r.id);
    r.removed = removed[static_cast<size_t>(i)];
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

Result<Choice> ChooseInstanceType(const Catalog& catalog, const Constraints& constraints,
                                  const ChooseOptions& options) {
  CT_ASSIGN_OR_RETURN(ConstraintMatcher matcher, ConstraintMatcher::Create(constraints));
  return ChooseInstanceType(catalog, matcher, options);
}

Result<Choice> ChooseInstanceType(const Catalog& catalog, const ConstraintMatcher& matcher,
                                  const ChooseOptions& options) {
  const Constraints& c = matcher.constraints();
  Choice ch;
  ch.types_in_catalog = static_cast<int64_t>(catalog.types.size());
  if (catalog.types.empty()) {
    return NotFoundError(
        fmt::format("No instance types in the catalog for {} {}", catalog.provider, catalog.region));
  }
  std::array<int64_t, kConstraintCount> removed{};
  std::vector<Best> bests;
  DiskContext disks = MakeDiskContext(catalog, c);
  int64_t no_vcpu = 0;
  for (const CatalogType& ct : catalog.types) {
    if (ct.type.vcpu < 1) {
      ++no_vcpu;
      continue;
    }
    if (auto failed = matcher.FirstFailure(ct.type)) {
      ++removed[static_cast<size_t>(*failed)];
      continue;
    }
    ++ch.types_matching;
    Best best;
    switch (PriceType(catalog, ct, c, disks, best, ch.options_priced)) {
      case PriceOutcome::kPriced:
        bests.push_back(best);
        break;
      case PriceOutcome::kNoPrice:
        ++ch.types_unpriced;
        break;
      case PriceOutcome::kNoDisk:
        ++ch.types_no_disk;
        break;
    }
  }
  ch.removals = Removals(matcher, removed);
  if (no_vcpu > 0)
    ch.warnings.push_back(fmt::format("{} instance types without vCPUs were ignored", no_vcpu));
  if (!catalog.boot_disks.empty() && c.boot_disk.types.empty()) {
    ch.warnings.push_back("No boot disk types specified; the cheapest (likely slowest) boot disk is chosen");
  }
  if (ch.types_matching == 0) return NothingLeft(ch);
  if (bests.empty()) return NoPrices(catalog, c, ch);

  const bool spot = c.use_spot.value_or(false);
  const size_t w = PickWinner(bests, options.relative_tolerance);
  ch.winner = Report(bests[w], spot);
  bests.erase(bests.begin() + static_cast<std::ptrdiff_t>(w));
  const size_t k = std::min(options.runners_up, bests.size());
  std::partial_sort(bests.begin(), bests.begin() + static_cast<std::ptrdiff_t>(k), bests.end(), RankedBefore);
  for (size_t i = 0; i < k; ++i) ch.runners_up.push_back(Report(bests[i], spot));
  return ch;
}

}  // namespace cloud_tasks::compute::selection
