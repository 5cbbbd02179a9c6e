#include "compute/selection/choose.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cloud_tasks::compute::selection {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

CatalogType Type(const std::string& name, int vcpu, double mem, std::vector<ZonePrice> zones,
                 std::vector<std::string> disks = {}) {
  CatalogType ct;
  ct.type.name = name;
  ct.type.vcpu = vcpu;
  ct.type.mem_gb = mem;
  ct.type.architecture = "X86_64";
  ct.type.supports_spot = true;
  ct.type.boot_disk_types = std::move(disks);
  ct.zones = std::move(zones);
  return ct;
}

ZonePrice Zone(const std::string& zone, std::optional<double> on_demand,
               std::optional<double> spot = std::nullopt) {
  return ZonePrice{zone, on_demand, spot};
}

BootDiskRate Disk(const std::string& type, double per_gb, double per_iops = 0, double per_mbps = 0) {
  BootDiskRate r;
  r.type = type;
  r.per_gb_hour = per_gb;
  r.per_iops_hour = per_iops;
  r.per_mbps_hour = per_mbps;
  return r;
}

Catalog Of(std::vector<CatalogType> types, std::vector<BootDiskRate> disks = {}) {
  Catalog c;
  c.provider = "gcp";
  c.region = "r1";
  c.types = std::move(types);
  c.boot_disks = std::move(disks);
  return c;
}

TEST(ChooseTest, LowestPricePerVcpuWins) {
  Catalog c = Of({Type("a-4", 4, 16, {Zone("r1-a", 0.40)}), Type("b-8", 8, 32, {Zone("r1-a", 0.72)}),
                  Type("c-2", 2, 8, {Zone("r1-a", 0.19)})});
  auto ch = ChooseInstanceType(c, Constraints{});
  ASSERT_TRUE(ch.ok()) << ch.status().ToString();
  EXPECT_EQ(ch->winner.type.name, "b-8");  // 0.09/vCPU
  EXPECT_DOUBLE_EQ(ch->winner.price_per_vcpu, 0.09);
  EXPECT_EQ(ch->winner.zone, "r1-a");
  EXPECT_FALSE(ch->winner.spot);
  ASSERT_EQ(ch->runners_up.size(), 2u);
  EXPECT_EQ(ch->runners_up[0].type.name, "c-2");  // 0.095
  EXPECT_EQ(ch->runners_up[1].type.name, "a-4");  // 0.1
}

TEST(ChooseTest, ExactTieGoesToMoreVcpusThenName) {
  Catalog c = Of({Type("small", 4, 16, {Zone("r1-a", 0.4)}), Type("big", 8, 32, {Zone("r1-a", 0.8)}),
                  Type("abig", 8, 32, {Zone("r1-a", 0.8)})});
  auto ch = ChooseInstanceType(c, Constraints{});
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.type.name, "abig");
  EXPECT_EQ(ch->runners_up[0].type.name, "big");
  EXPECT_EQ(ch->runners_up[1].type.name, "small");
}

TEST(ChooseTest, DifferencesWithinTheToleranceAreTies) {
  // 8 vCPUs is dearer by 1e-12 relative: float noise, so more vCPUs still win.
  Catalog c =
      Of({Type("small", 4, 16, {Zone("r1-a", 0.4)}), Type("big", 8, 32, {Zone("r1-a", 0.8 * (1 + 1e-12))})});
  auto ch = ChooseInstanceType(c, Constraints{});
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.type.name, "big");
}

TEST(ChooseTest, DifferencesBeyondTheToleranceAreNotRoundedAway) {
  // $0.024751 vs $0.024760 per vCPU: equal at the original's 4 decimals; we take the cheaper.
  Catalog c = Of({Type("cheap-16", 16, 16, {Zone("r1-a", 0.024751 * 16)}),
                  Type("dear-32", 32, 32, {Zone("r1-a", 0.024760 * 32)})});
  auto ch = ChooseInstanceType(c, Constraints{});
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.type.name, "cheap-16");
  ChooseOptions loose;
  loose.relative_tolerance = 1e-3;  // a looser tolerance makes them a tie again
  auto tie = ChooseInstanceType(c, Constraints{}, loose);
  ASSERT_TRUE(tie.ok());
  EXPECT_EQ(tie->winner.type.name, "dear-32");
}

TEST(ChooseTest, CheapestZoneThenSmallestZoneName) {
  Catalog c = Of({Type("a", 4, 16, {Zone("r1-c", 0.4), Zone("r1-b", 0.39), Zone("r1-a", 0.39)})});
  auto ch = ChooseInstanceType(c, Constraints{});
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.zone, "r1-a");
  EXPECT_DOUBLE_EQ(ch->winner.compute_price, 0.39);
}

TEST(ChooseTest, SpotUsesSpotPricesAndSkipsZonesWithoutThem) {
  Catalog c = Of({Type("a", 4, 16, {Zone("r1-a", 0.40, std::nullopt), Zone("r1-b", 0.40, 0.12)}),
                  Type("b", 4, 16, {Zone("r1-a", 0.30, 0.15)})});
  Constraints spot;
  spot.use_spot = true;
  auto ch = ChooseInstanceType(c, spot);
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.type.name, "a");
  EXPECT_EQ(ch->winner.zone, "r1-b");
  EXPECT_TRUE(ch->winner.spot);
  auto on_demand = ChooseInstanceType(c, Constraints{});
  ASSERT_TRUE(on_demand.ok());
  EXPECT_EQ(on_demand->winner.type.name, "b");
}

TEST(ChooseTest, BootDiskIsPricedForTheSizeOfEachType) {
  // Same compute price per vCPU; the per-instance disk is amortised over more vCPUs.
  Catalog c = Of({Type("a-4", 4, 16, {Zone("r1-a", 0.4)}), Type("a-8", 8, 32, {Zone("r1-a", 0.8)})},
                 {Disk("pd-standard", 0.001)});
  Constraints k;
  k.boot_disk.sizing.total_boot_disk_size = 10;
  auto ch = ChooseInstanceType(c, k);
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.type.name, "a-8");
  EXPECT_EQ(ch->winner.boot_disk_type, "pd-standard");
  EXPECT_EQ(ch->winner.boot_disk_gb, 10);
  EXPECT_DOUBLE_EQ(ch->winner.boot_disk_price, 0.01);
  EXPECT_DOUBLE_EQ(ch->winner.total_price, 0.81);
  // 20 GB per vCPU: the disk then grows with the type and the per-vCPU prices are equal
  // again, so the tie goes to more vCPUs.
  k.boot_disk.sizing.boot_disk_per_cpu = 20;
  auto per_cpu = ChooseInstanceType(c, k);
  ASSERT_TRUE(per_cpu.ok());
  EXPECT_EQ(per_cpu->winner.boot_disk_gb, 160);
  EXPECT_DOUBLE_EQ(per_cpu->winner.price_per_vcpu, 0.1 + 0.02);
}

TEST(ChooseTest, IopsAndThroughputArePricedOnlyWhereTheDiskHasRates) {
  BootDiskOptions disk;
  disk.iops = 3000;
  disk.throughput = 150;
  EXPECT_DOUBLE_EQ(BootDiskPrice(Disk("pd-ssd", 0.01), 10, disk), 0.1);
  EXPECT_DOUBLE_EQ(BootDiskPrice(Disk("pd-extreme", 0.01, 0.0001), 10, disk), 0.1 + 0.3);
  EXPECT_DOUBLE_EQ(BootDiskPrice(Disk("hd-balanced", 0.01, 0.0001, 0.001), 10, disk), 0.1 + 0.3 + 0.15);
}

TEST(ChooseTest, CheapestAllowedDiskTypeTheInstanceSupports) {
  std::vector<BootDiskRate> disks = {Disk("pd-standard", 0.001), Disk("pd-balanced", 0.002),
                                     Disk("hd-balanced", 0.003)};
  Catalog c = Of({Type("n4-8", 8, 32, {Zone("r1-a", 0.8)}, {"hd-balanced"}),
                  Type("n2-8", 8, 32, {Zone("r1-a", 0.8)}, {"pd-standard", "pd-balanced"})},
                 disks);
  auto any = ChooseInstanceType(c, Constraints{});
  ASSERT_TRUE(any.ok());
  EXPECT_EQ(any->winner.type.name, "n2-8");
  EXPECT_EQ(any->winner.boot_disk_type, "pd-standard");
  EXPECT_THAT(any->warnings, Contains(HasSubstr("No boot disk types specified")));
  Constraints k;
  k.boot_disk.types = {"hd-balanced", "pd-balanced"};
  auto allowed = ChooseInstanceType(c, k);
  ASSERT_TRUE(allowed.ok());
  EXPECT_EQ(allowed->winner.type.name, "n2-8");
  EXPECT_EQ(allowed->winner.boot_disk_type, "pd-balanced");
  EXPECT_EQ(allowed->runners_up[0].boot_disk_type, "hd-balanced");
  EXPECT_THAT(allowed->warnings, IsEmpty());
}

TEST(ChooseTest, WithoutDiskRatesTheDiskIsFreeAndNamedWhenKnown) {
  Catalog c =
      Of({Type("a", 4, 16, {Zone("r1-a", 0.4)}), Type("b", 2, 8, {Zone("r1-a", 0.3)}, {"gp3", "gp2"})});
  auto ch = ChooseInstanceType(c, Constraints{});
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.boot_disk_type, "");
  EXPECT_EQ(ch->winner.boot_disk_price, 0);
  EXPECT_EQ(ch->runners_up[0].boot_disk_type, "gp2");  // equal (free): smaller name
  Constraints k;
  k.boot_disk.types = {"gp3"};
  auto named = ChooseInstanceType(c, k);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->winner.boot_disk_type, "gp3");
  EXPECT_EQ(named->runners_up[0].boot_disk_type, "gp3");
}

TEST(ChooseTest, RemovalsAreAttributedToTheFirstFailingConstraint) {
  Catalog c = Of({Type("a-2", 2, 8, {Zone("r1-a", 0.2)}), Type("a-4", 4, 16, {Zone("r1-a", 0.4)}),
                  Type("b-64", 64, 256, {Zone("r1-a", 6.4)}), Type("c-128", 128, 512, {Zone("r1-a", 12.8)}),
                  Type("a-16", 16, 64, {Zone("r1-a", 1.5)})});
  Constraints k;
  k.instance_types = {"^a-", "^b-"};
  k.min_cpu = 4;
  k.max_cpu = 32;
  auto ch = ChooseInstanceType(c, k);
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.type.name, "a-16");
  EXPECT_EQ(ch->types_in_catalog, 5);
  EXPECT_EQ(ch->types_matching, 2);
  ASSERT_EQ(ch->removals.size(), 3u);
  EXPECT_EQ(ch->removals[0].constraint, "instance_types (^a-, ^b-)");  // c-128 (also > max_cpu)
  EXPECT_EQ(ch->removals[0].removed, 1);
  EXPECT_EQ(ch->removals[1].constraint, "min_cpu (4)");   // a-2
  EXPECT_EQ(ch->removals[2].constraint, "max_cpu (32)");  // b-64
}

TEST(ChooseTest, RunnersUpAreLimited) {
  std::vector<CatalogType> types;
  for (int i = 1; i <= 10; ++i) types.push_back(Type("t" + std::to_string(i), 2, 8, {Zone("r1-a", 0.1 * i)}));
  ChooseOptions o;
  o.runners_up = 2;
  auto ch = ChooseInstanceType(Of(types), Constraints{}, o);
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.type.name, "t1");
  ASSERT_EQ(ch->runners_up.size(), 2u);
  EXPECT_EQ(ch->runners_up[0].type.name, "t2");
  EXPECT_EQ(ch->runners_up[1].type.name, "t3");
  o.runners_up = 0;
  EXPECT_THAT(ChooseInstanceType(Of(types), Constraints{}, o)->runners_up, IsEmpty());
}

TEST(ChooseTest, EmptyCatalogIsNotFound) {
  auto ch = ChooseInstanceType(Of({}), Constraints{});
  ASSERT_FALSE(ch.ok());
  EXPECT_EQ(ch.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(ch.status().message(), HasSubstr("No instance types in the catalog for gcp r1"));
}

TEST(ChooseTest, NothingLeftNamesTheConstraintThatEmptiedTheSet) {
  std::vector<CatalogType> types;
  for (int v : {2, 4, 8, 16, 32})
    types.push_back(Type("x-" + std::to_string(v), v, v * 4.0, {Zone("r1-a", 0.1 * v)}));
  types.push_back(Type("arm-64", 64, 256, {Zone("r1-a", 6.4)}));
  types.back().type.architecture = "ARM64";
  Constraints k;
  k.architecture = "X86_64";
  k.min_cpu = 64;
  auto ch = ChooseInstanceType(Of(types), k);
  ASSERT_FALSE(ch.ok());
  EXPECT_EQ(ch.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ch.status().message(),
            "No instance type meets the constraints: min_cpu (64) removed the last 5 candidates "
            "(of 6 types: architecture (X86_64) removed 1, min_cpu (64) removed 5)");
}

TEST(ChooseTest, NoPriceForTheModeIsItsOwnError) {
  Catalog c = Of({Type("a", 4, 16, {Zone("r1-a", 0.4, std::nullopt)})});
  Constraints spot;
  spot.use_spot = true;
  auto ch = ChooseInstanceType(c, spot);
  ASSERT_FALSE(ch.ok());
  EXPECT_EQ(
      ch.status().message(),
      "No pricing data found for any instance types: 1 type meets the constraints but none has a spot price "
      "in r1");
  Catalog unpriced = Of({Type("a", 4, 16, {Zone("r1-a", std::nullopt)}), Type("b", 4, 16, {})});
  auto od = ChooseInstanceType(unpriced, Constraints{});
  ASSERT_FALSE(od.ok());
  EXPECT_THAT(od.status().message(),
              HasSubstr("2 types meet the constraints but none has an on-demand price in r1"));
}

TEST(ChooseTest, NoAllowedDiskTypeIsItsOwnError) {
  Catalog c = Of({Type("n4-8", 8, 32, {Zone("r1-a", 0.8)}, {"hd-balanced"})}, {Disk("hd-balanced", 0.001)});
  Constraints k;
  k.boot_disk.types = {"pd-balanced"};
  auto ch = ChooseInstanceType(c, k);
  ASSERT_FALSE(ch.ok());
  EXPECT_EQ(ch.status().message(),
            "No pricing data found for any instance types: 1 type meets the constraints but none can use the "
            "allowed boot disk types (pd-balanced)");
}

TEST(ChooseTest, TypesWithoutVcpusAreIgnoredWithAWarning) {
  Catalog c = Of({Type("zero", 0, 1, {Zone("r1-a", 0.0)}), Type("a", 2, 8, {Zone("r1-a", 0.2)})});
  auto ch = ChooseInstanceType(c, Constraints{});
  ASSERT_TRUE(ch.ok());
  EXPECT_EQ(ch->winner.type.name, "a");
  EXPECT_THAT(ch->warnings, Contains(HasSubstr("1 instance types without vCPUs")));
}

TEST(ChooseTest, InvalidConstraintsAreReported) {
  Constraints k;
  k.instance_types = {"["};
  auto ch = ChooseInstanceType(Of({Type("a", 2, 8, {Zone("r1-a", 0.2)})}), k);
  ASSERT_FALSE(ch.ok());
  EXPECT_EQ(ch.status().code(), ErrorCode::kInvalidArgument);
}

TEST(ChooseTest, ExplainTellsWhy) {
  Catalog c = Of({Type("a-8", 8, 32, {Zone("r1-a", 0.8)}), Type("a-4", 4, 16, {Zone("r1-a", 0.44)}),
                  Type("a-2", 2, 8, {Zone("r1-a", 0.2)})},
                 {Disk("pd-standard", 0.0001)});
  Constraints k;
  k.min_cpu = 4;
  k.boot_disk.types = {"pd-standard"};
  auto ch = ChooseInstanceType(c, k);
  ASSERT_TRUE(ch.ok());
  std::vector<std::string> lines = ch->Explain();
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "Selected a-8 (pd-standard) in r1-a at $0.801000/hour ($0.100125/vCPU/hour, on-demand)");
  EXPECT_EQ(lines[1], "  8 vCPUs, 32 GB RAM, no local SSD, boot disk 10 GB ($0.001000/hour)");
  EXPECT_EQ(lines[2], "3 types in the catalog, 2 meet the constraints, 2 priced (2 options compared)");
  EXPECT_EQ(lines[3], "  min_cpu (4) removed 1");
  EXPECT_THAT(lines[4], HasSubstr("Runner-up 1: a-4 (pd-standard) in r1-a at $0.441000/hour"));
  EXPECT_THAT(lines[4], HasSubstr("(+10.11% per vCPU)"));
}

}  // namespace
}  // namespace cloud_tasks::compute::selection
