// Property test: over many seeded random catalogs and constraint sets, the choice is
// never dearer per vCPU than any option a brute-force search finds, it is one of those
// options, ties go to more vCPUs, and "nothing found" happens exactly when brute force
// finds nothing. The brute force checks constraints and prices on its own.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "compute/selection/choose.h"

namespace cloud_tasks::compute::selection {
namespace {

constexpr double kTol = 1e-9;
const char* kFamilies[] = {"e2", "n2", "n2d", "c3", "t2a"};
const char* kDisks[] = {"pd-standard", "pd-balanced", "pd-ssd", "hd-balanced"};

class Gen {
 public:
  explicit Gen(unsigned seed) : rng_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  template <typename T, size_t N>
  T Pick(T (&a)[N]) {
    return a[static_cast<size_t>(Int(0, static_cast<int>(N) - 1))];
  }

 private:
  std::mt19937 rng_;
};

Catalog RandomCatalog(Gen& g) {
  Catalog c;
  c.region = "r";
  const int vcpus[] = {1, 2, 4, 8, 16, 32, 64};
  int n = g.Int(1, 30);
  for (int i = 0; i < n; ++i) {
    CatalogType ct;
    InstanceType& t = ct.type;
    t.vcpu = g.Pick(vcpus);
    t.name = std::string(g.Pick(kFamilies)) + "-" + std::to_string(t.vcpu) + "-" + std::to_string(i);
    t.mem_gb = t.vcpu * static_cast<double>(g.Int(1, 8));
    t.local_ssd_gb = g.Chance(0.3) ? 375.0 * g.Int(1, 4) : 0;
    t.architecture =
        t.name[0] == 't' ? (g.Chance(0.5) ? "arm64" : "ARM64") : (g.Chance(0.5) ? "x86_64" : "X86_64");
    t.supports_spot = g.Chance(0.8);
    t.cpu_rank = g.Int(0, 27);
    if (g.Chance(0.5)) {
      for (const char* d : kDisks) {
        if (g.Chance(0.5)) t.boot_disk_types.push_back(d);
      }
    }
    const char* zones[] = {"r-a", "r-b", "r-c"};
    for (const char* z : zones) {
      if (g.Chance(0.3)) continue;
      // Prices from a coarse grid so that ties across types and zones are common.
      double ppv = 0.01 * g.Int(1, 4);
      std::optional<double> od = g.Chance(0.9) ? std::optional<double>(ppv * t.vcpu) : std::nullopt;
      std::optional<double> spot = t.supports_spot && g.Chance(0.7)
                                       ? std::optional<double>(0.004 * g.Int(1, 3) * t.vcpu)
                                       : std::nullopt;
      ct.zones.push_back(ZonePrice{z, od, spot});
    }
    c.types.push_back(std::move(ct));
  }
  if (g.Chance(0.7)) {
    for (const char* d : kDisks) {
      if (!g.Chance(0.75)) continue;
      BootDiskRate r;
      r.type = d;
      r.per_gb_hour = 0.0001 * g.Int(0, 3);
      r.per_iops_hour = g.Chance(0.3) ? 1e-6 * g.Int(1, 9) : 0;
      r.per_mbps_hour = g.Chance(0.3) ? 1e-5 * g.Int(1, 9) : 0;
      c.boot_disks.push_back(r);
    }
  }
  return c;
}

Constraints RandomConstraints(Gen& g) {
  Constraints k;
  if (g.Chance(0.3)) k.min_cpu = g.Int(0, 32);
  if (g.Chance(0.3)) k.max_cpu = g.Int(1, 64);
  if (g.Chance(0.3)) k.cpus_per_task = g.Int(1, 4);
  if (g.Chance(0.2)) k.min_tasks_per_instance = g.Int(1, 8);
  if (g.Chance(0.2)) k.max_tasks_per_instance = g.Int(1, 16);
  if (g.Chance(0.3)) k.min_memory_per_cpu = g.Int(1, 8);
  if (g.Chance(0.2)) k.max_total_memory = g.Int(8, 256);
  if (g.Chance(0.2)) k.min_local_ssd = 375;
  if (g.Chance(0.2)) k.min_cpu_rank = g.Int(0, 27);
  if (g.Chance(0.4)) k.architecture = g.Chance(0.7) ? "X86_64" : "arm64";
  if (g.Chance(0.3)) k.use_spot = g.Chance(0.6);
  if (g.Chance(0.3)) {
    k.instance_types.push_back(std::string("^") + g.Pick(kFamilies) + "-");
    if (g.Chance(0.5)) k.instance_types.push_back(std::string("^") + g.Pick(kFamilies) + "-");
  }
  if (g.Chance(0.4)) {
    for (const char* d : kDisks) {
      if (g.Chance(0.5)) k.boot_disk.types.push_back(d);
    }
  }
  k.boot_disk.sizing.total_boot_disk_size = g.Int(10, 50);
  if (g.Chance(0.3)) k.boot_disk.sizing.boot_disk_per_cpu = g.Int(1, 5);
  return k;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The brute force's own reading of the constraints used above.
bool Meets(const InstanceType& t, const Constraints& k) {
  double min_cpu =
      std::max<double>(k.min_cpu.value_or(0), k.cpus_per_task * k.min_tasks_per_instance.value_or(0));
  double max_cpu =
      std::min<double>(k.max_cpu.value_or(1e9), k.cpus_per_task * k.max_tasks_per_instance.value_or(1e9));
  if (t.vcpu < min_cpu || t.vcpu > max_cpu) return false;
  if (k.min_memory_per_cpu && t.mem_gb / t.vcpu < *k.min_memory_per_cpu) return false;
  if (k.max_total_memory && t.mem_gb > *k.max_total_memory) return false;
  if (k.min_local_ssd && t.local_ssd_gb < *k.min_local_ssd) return false;
  if (k.min_cpu_rank && t.cpu_rank < *k.min_cpu_rank) return false;
  if (k.architecture && Upper(*k.architecture) != Upper(t.architecture)) return false;
  if (k.use_spot.has_value() && !t.supports_spot) return false;
  if (!k.instance_types.empty()) {
    bool any = false;
    for (const std::string& p : k.instance_types) any |= t.name.rfind(p.substr(1), 0) == 0;
    if (!any) return false;
  }
  return true;
}

bool Allowed(const std::vector<std::string>& list, const std::string& d) {
  return list.empty() || std::find(list.begin(), list.end(), d) != list.end();
}

struct Option {
  std::string type, zone, disk;
  int vcpu;
  double ppv;
};

std::vector<Option> BruteForce(const Catalog& c, const Constraints& k) {
  std::vector<Option> out;
  bool spot = k.use_spot.value_or(false);
  for (const CatalogType& ct : c.types) {
    if (!Meets(ct.type, k)) continue;
    int gb = BootDiskGb(k.boot_disk.sizing, ct.type.vcpu, k.cpus_per_task);
    std::vector<std::pair<std::string, double>> disks;
    if (c.boot_disks.empty()) {
      disks.emplace_back("", 0.0);  // names do not matter for the price
    }
    for (const BootDiskRate& r : c.boot_disks) {
      if (!Allowed(ct.type.boot_disk_types, r.type) || !Allowed(k.boot_disk.types, r.type)) continue;
      disks.emplace_back(r.type, r.per_gb_hour * gb + r.per_iops_hour * k.boot_disk.iops +
                                     r.per_mbps_hour * k.boot_disk.throughput);
    }
    if (c.boot_disks.empty() && !ct.type.boot_disk_types.empty() && !k.boot_disk.types.empty()) {
      bool common = false;
      for (const std::string& d : ct.type.boot_disk_types) common |= Allowed(k.boot_disk.types, d);
      if (!common) disks.clear();
    }
    for (const ZonePrice& z : ct.zones) {
      std::optional<double> p = spot ? z.spot : z.on_demand;
      if (!p) continue;
      for (const auto& [name, disk_price] : disks) {
        out.push_back({ct.type.name, z.zone, name, ct.type.vcpu, (*p + disk_price) / ct.type.vcpu});
      }
    }
  }
  return out;
}

TEST(ChoosePropertyTest, NeverDearerThanAnyQualifyingOption) {
  int chosen = 0, empty = 0;
  for (unsigned seed = 1; seed <= 3000; ++seed) {
    Gen g(seed);
    Catalog catalog = RandomCatalog(g);
    Constraints k = RandomConstraints(g);
    std::vector<Option> all = BruteForce(catalog, k);
    auto choice = ChooseInstanceType(catalog, k);
    SCOPED_TRACE("seed " + std::to_string(seed));
    if (all.empty()) {
      ASSERT_FALSE(choice.ok()) << "chose " << choice->winner.type.name << " but brute force found nothing";
      EXPECT_EQ(choice.status().code(), ErrorCode::kNotFound);
      ++empty;
      continue;
    }
    ASSERT_TRUE(choice.ok()) << choice.status().ToString();
    ++chosen;
    const PricedOption& w = choice->winner;
    double cheapest = std::numeric_limits<double>::infinity();
    for (const Option& o : all) cheapest = std::min(cheapest, o.ppv);
    ASSERT_LE(w.price_per_vcpu, cheapest * (1 + kTol) + 1e-15);
    // The winner is one of the options, at the price brute force computes.
    bool found = false;
    for (const Option& o : all) {
      found |= o.type == w.type.name && o.zone == w.zone && std::fabs(o.ppv - w.price_per_vcpu) <= 1e-15 &&
               (catalog.boot_disks.empty() || o.disk == w.boot_disk_type);
    }
    ASSERT_TRUE(found) << w.type.name << " " << w.zone << " " << w.boot_disk_type;
    // Among equally cheap options, none has more vCPUs.
    for (const Option& o : all) {
      if (o.ppv <= cheapest * (1 + kTol)) {
        ASSERT_LE(o.vcpu, w.type.vcpu) << o.type;
      }
    }
    // The funnel accounts for every type.
    int64_t removed = 0;
    for (const Removal& r : choice->removals) removed += r.removed;
    EXPECT_EQ(removed + choice->types_matching, choice->types_in_catalog);
    // Runners-up are other types, never cheaper than the winner beyond the tolerance.
    for (const PricedOption& r : choice->runners_up) {
      EXPECT_NE(r.type.name, w.type.name);
      EXPECT_GE(r.price_per_vcpu, cheapest);
    }
  }
  // The generator must exercise both outcomes.
  EXPECT_GT(chosen, 1000);
  EXPECT_GT(empty, 100);
}

}  // namespace
}  // namespace cloud_tasks::compute::selection
