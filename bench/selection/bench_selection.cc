// bench_selection: instance-type choice over a large generated catalog.
//
//   bench_selection [--rows N (default 20000)] [--choices N (default 1000)] [--seed S]
//
// Generates a catalog of N/4 types × 4 zones (5 boot disk types with rates), writes it
// as SkyPilot CSV and parses it once (timed), then chooses N times with a typical
// constraint set (x86, 4..64 vCPUs, >= 2 GB/vCPU, 3 name patterns, 2 disk types). The
// peer is the original's method done naively: build every (type, zone, disk) option as a
// full record and stable-sort them all by (price per vCPU, -vCPUs), then take the first.
// Prints microseconds per choice for both, the ratio ours / naive, and ours / the 5 ms goal.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "compute/selection/catalog_csv.h"
#include "compute/selection/choose.h"

namespace {

using namespace cloud_tasks::compute;
using namespace cloud_tasks::compute::selection;
using Clock = std::chrono::steady_clock;

struct Args {
  size_t rows = 20000;
  size_t choices = 1000;
  unsigned seed = 7;
};

bool ParseArgs(int argc, char** argv, Args& a) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    unsigned long long v = std::stoull(argv[i + 1]);
    if (flag == "--rows")
      a.rows = v;
    else if (flag == "--choices")
      a.choices = v;
    else if (flag == "--seed")
      a.seed = static_cast<unsigned>(v);
    else
      return false;
  }
  return argc % 2 == 1 && a.rows >= 4 && a.choices > 0;
}

std::string MakeCsv(const Args& a) {
  std::mt19937 rng(a.seed);
  const char* families[] = {"e2", "n2", "n2d", "n4", "c3", "c3d", "t2a", "t2d", "m3", "c4"};
  const char* shapes[] = {"standard", "highmem", "highcpu"};
  const int vcpus[] = {2, 4, 8, 16, 32, 48, 64, 96};
  std::string csv =
      "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,AvailabilityZone,Price,"
      "SpotPrice,Architecture,BootDiskTypes\n";
  std::uniform_real_distribution<double> rate(0.018, 0.05);
  for (size_t t = 0; t < a.rows / 4; ++t) {
    const char* fam = families[t % 10];
    const char* shape = shapes[(t / 10) % 3];
    int v = vcpus[(t / 30) % 8];
    double mem = v * (shape[5] == 'm' ? 8.0 : shape[4] == 'c' ? 1.0 : 4.0);
    std::string name = fmt::format("{}-{}-{}-v{}", fam, shape, v, t);
    double price = v * rate(rng) + mem * 0.004;
    const char* arch = fam[0] == 't' && fam[2] == 'a' ? "ARM64" : "X86_64";
    const char* disks = t % 3 == 0 ? "hd-balanced" : "pd-standard pd-balanced pd-ssd pd-extreme";
    for (char z : std::string("abcf")) {
      csv += fmt::format("{},{},{},,,,us-central1,us-central1-{},{:.6f},{:.6f},{},{}\n", name, v, mem, z,
                         price, price * 0.3, arch, disks);
    }
  }
  return csv;
}

Catalog WithDisks(Catalog c) {
  auto add = [&](const char* name, double gb, double iops, double mbps) {
    BootDiskRate r;
    r.type = name;
    r.per_gb_hour = gb / 730.5;
    r.per_iops_hour = iops / 730.5;
    r.per_mbps_hour = mbps / 730.5;
    c.boot_disks.push_back(r);
  };
  add("pd-standard", 0.04, 0, 0);
  add("pd-balanced", 0.10, 0, 0);
  add("pd-ssd", 0.17, 0, 0);
  add("pd-extreme", 0.125, 0.065, 0);
  add("hd-balanced", 0.08, 0.005, 0.04);
  return c;
}

Constraints Typical() {
  Constraints c;
  c.architecture = "X86_64";
  c.min_cpu = 4;
  c.max_cpu = 64;
  c.min_memory_per_cpu = 2;
  c.instance_types = {"^n2", "^c3", "e2-"};
  c.boot_disk.types = {"pd-balanced", "hd-balanced"};
  return c;
}

// The naive peer: every option as a full record, stable-sorted like the original.
PricedOption NaiveChoose(const Catalog& catalog, const ConstraintMatcher& m) {
  const Constraints& c = m.constraints();
  std::vector<PricedOption> all;
  for (const CatalogType& ct : catalog.types) {
    if (m.FirstFailure(ct.type)) continue;
    int gb = BootDiskGb(c.boot_disk.sizing, ct.type.vcpu, c.cpus_per_task);
    for (const ZonePrice& z : ct.zones) {
      if (!z.on_demand) continue;
      for (size_t d : PricedDiskTypes(catalog, ct.type, c.boot_disk)) {
        PricedOption o;
        o.type = ct.type;
        o.zone = z.zone;
        o.boot_disk_type = catalog.boot_disks[d].type;
        o.boot_disk_gb = gb;
        o.compute_price = *z.on_demand;
        o.boot_disk_price = BootDiskPrice(catalog.boot_disks[d], gb, c.boot_disk);
        o.total_price = o.compute_price + o.boot_disk_price;
        o.price_per_vcpu = o.total_price / ct.type.vcpu;
        all.push_back(std::move(o));
      }
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const PricedOption& a, const PricedOption& b) {
    if (a.price_per_vcpu != b.price_per_vcpu) return a.price_per_vcpu < b.price_per_vcpu;
    return a.type.vcpu > b.type.vcpu;
  });
  return all.front();
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    fmt::print(stderr, "usage: bench_selection [--rows N] [--choices N] [--seed S]\n");
    return 2;
  }
  std::string csv = MakeCsv(args);
  auto t0 = Clock::now();
  CatalogCsvOptions csv_options;
  csv_options.provider = "gcp";
  auto parsed = ParseCatalogCsv(csv, "generated.csv", csv_options);
  double parse_s = Seconds(t0);
  if (!parsed.ok()) {
    fmt::print(stderr, "{}\n", parsed.status().ToString());
    return 1;
  }
  Catalog catalog = WithDisks(std::move(parsed->catalog));
  auto matcher = ConstraintMatcher::Create(Typical());
  if (!matcher.ok()) return 1;

  size_t sink = 0;
  std::string ours_name;
  t0 = Clock::now();
  for (size_t i = 0; i < args.choices; ++i) {
    auto choice = ChooseInstanceType(catalog, *matcher);
    if (!choice.ok()) {
      fmt::print(stderr, "{}\n", choice.status().ToString());
      return 1;
    }
    sink += choice->winner.type.vcpu;
    ours_name = choice->winner.type.name;
  }
  double ours_us = Seconds(t0) * 1e6 / static_cast<double>(args.choices);

  std::string naive_name;
  t0 = Clock::now();
  for (size_t i = 0; i < args.choices; ++i) {
    PricedOption o = NaiveChoose(catalog, *matcher);
    sink += o.type.vcpu;
    naive_name = o.type.name;
  }
  double naive_us = Seconds(t0) * 1e6 / static_cast<double>(args.choices);

  fmt::print("catalog: {} rows ({} types), CSV parse {:.1f} ms\n", args.rows, catalog.types.size(),
             parse_s * 1e3);
  fmt::print("ours : {:9.1f} us/choice  winner {}\n", ours_us, ours_name);
  fmt::print("naive: {:9.1f} us/choice  winner {} (full records + stable sort)\n", naive_us, naive_name);
  fmt::print("ratio ours/naive: {:.3f}   ours/5ms goal: {:.3f}   (sink {})\n", ours_us / naive_us,
             ours_us / 5000.0, sink);
  return 0;
}
