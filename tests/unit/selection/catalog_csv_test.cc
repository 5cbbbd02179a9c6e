#include "compute/selection/catalog_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cloud_tasks::compute::selection {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kHeader[] =
    "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,AvailabilityZone,Price,"
    "SpotPrice\n";

Result<CatalogCsv> Parse(const std::string& body, std::string region = "") {
  CatalogCsvOptions o;
  o.provider = "gcp";
  o.region = std::move(region);
  return ParseCatalogCsv(std::string(kHeader) + body, "cat.csv", o);
}

TEST(CatalogCsvTest, ReadsTypesZonesAndPrices) {
  auto r = Parse(
      "e2-standard-8,8.0,32.0,,,,us-central1,us-central1-a,0.268066,0.080420\n"
      "e2-standard-8,8.0,32.0,,,,us-central1,us-central1-f,0.268066,\n"
      "n2-standard-8,8,32,,,,us-central1,us-central1-a,0.388472,\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Catalog& c = r->catalog;
  EXPECT_EQ(c.provider, "gcp");
  EXPECT_EQ(c.region, "us-central1");
  ASSERT_EQ(c.types.size(), 2u);
  const CatalogType& e2 = c.types[0];
  EXPECT_EQ(e2.type.name, "e2-standard-8");
  EXPECT_EQ(e2.type.vcpu, 8);
  EXPECT_EQ(e2.type.mem_gb, 32);
  EXPECT_EQ(e2.type.architecture, "X86_64");  // default when the column is absent
  EXPECT_TRUE(e2.type.supports_spot);
  ASSERT_EQ(e2.zones.size(), 2u);
  EXPECT_EQ(e2.zones[0].zone, "us-central1-a");
  EXPECT_EQ(e2.zones[0].on_demand, 0.268066);
  EXPECT_EQ(e2.zones[0].spot, 0.080420);
  EXPECT_FALSE(e2.zones[1].spot.has_value());   // empty SpotPrice: no spot in that zone
  EXPECT_FALSE(c.types[1].type.supports_spot);  // no zone offers spot
}

TEST(CatalogCsvTest, ColumnsMayComeInAnyOrderWithOptionalExtras) {
  CatalogCsvOptions o;
  o.default_architecture = "X86_64";
  auto r = ParseCatalogCsv(
      "Region,AvailabilityZone,InstanceType,vCPUs,MemoryGiB,Price,SpotPrice,AcceleratorName,AcceleratorCount,"
      "GpuInfo,Architecture,CpuFamily,LocalSsdGiB,BootDiskTypes,Unrelated\n"
      "us-central1,us-central1-a,t2a-standard-8,8,32,0.3696,,,,,arm64,Ampere "
      "Altra,,\"pd-standard;pd-ssd\",x\n"
      "us-central1,us-central1-a,c3d-standard-8-lssd,8,32,0.4,0.12,,,,,AMD Genoa,375,hd-balanced pd-ssd,y\n",
      "x.csv", o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const InstanceType& t2a = r->catalog.types[0].type;
  EXPECT_EQ(t2a.architecture, "ARM64");
  EXPECT_EQ(t2a.cpu_family, "Ampere Altra");
  EXPECT_EQ(t2a.cpu_rank, 15);
  EXPECT_THAT(t2a.boot_disk_types, ElementsAre("pd-standard", "pd-ssd"));
  const InstanceType& c3d = r->catalog.types[1].type;
  EXPECT_EQ(c3d.architecture, "X86_64");  // empty cell → default
  EXPECT_EQ(c3d.local_ssd_gb, 375);
  EXPECT_EQ(c3d.cpu_rank, 22);
  EXPECT_THAT(c3d.boot_disk_types, ElementsAre("hd-balanced", "pd-ssd"));
  EXPECT_TRUE(r->warnings.empty());
}

TEST(CatalogCsvTest, AcceleratorsGoIntoTheDescriptionAndQuotedGpuInfoParses) {
  auto r = Parse(
      "a2-highgpu-1g,12,85,A100,1,\"{'Gpus': [{'Name': 'A100', 'Count': 1.0}], 'TotalGpuMemoryInMiB': "
      "40960}\","
      "us-central1,us-central1-a,3.673385,1.285685\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->catalog.types[0].type.description, "1 x A100");
}

TEST(CatalogCsvTest, RegionFilterKeepsOnlyThatRegion) {
  std::string body =
      "a,2,8,,,,us-east1,us-east1-b,0.1,\n"
      "a,2,8,,,,us-central1,us-central1-a,0.09,\n"
      "b,4,16,,,,us-east1,us-east1-b,0.2,\n";
  auto r = Parse(body, "us-central1");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->catalog.types.size(), 1u);
  EXPECT_EQ(r->catalog.types[0].zones[0].on_demand, 0.09);
  auto mixed = Parse(body);
  ASSERT_FALSE(mixed.ok());
  EXPECT_THAT(mixed.status().message(), HasSubstr("cat.csv:3: Region 'us-central1' differs from 'us-east1'"));
}

TEST(CatalogCsvTest, EmptyZoneMeansTheWholeRegion) {
  auto r = Parse("a,2,8,,,,us-central1,,0.1,\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->catalog.types[0].zones[0].zone, "us-central1-*");
}

TEST(CatalogCsvTest, FractionalVcpusAreSkippedWithAWarning) {
  auto r = Parse(
      "e2-micro,0.25,1,,,,us-central1,us-central1-a,0.008376,\n"
      "e2-standard-2,2,8,,,,us-central1,us-central1-a,0.067006,\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->catalog.types.size(), 1u);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_THAT(r->warnings[0], HasSubstr("line 2: e2-micro skipped: 0.25 vCPUs"));
}

TEST(CatalogCsvTest, UnknownCpuFamilyWarnsOnce) {
  CatalogCsvOptions o;
  auto r = ParseCatalogCsv(
      std::string("InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,"
                  "AvailabilityZone,Price,SpotPrice,CpuFamily\n") +
          "a,2,8,,,,r,r-a,0.1,,Apple M2 Pro\nb,4,8,,,,r,r-a,0.1,,Apple M2 Pro\n",
      "f.csv", o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_THAT(r->warnings[0], HasSubstr("Apple M2 Pro"));
  EXPECT_EQ(r->catalog.types[1].type.cpu_rank, 0);
}

struct BadCase {
  const char* name;
  std::string text;  // the whole file
  std::string message;
};

class CatalogCsvErrorTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(CatalogCsvErrorTest, NamesFileLineAndFix) {
  auto r = ParseCatalogCsv(GetParam().text, "cat.csv", CatalogCsvOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr(GetParam().message));
}

const std::string H = kHeader;
INSTANTIATE_TEST_SUITE_P(
    Table, CatalogCsvErrorTest,
    ::testing::Values(
        BadCase{"Empty", "", "cat.csv: empty file (expected the header InstanceType,vCPUs,MemoryGiB"},
        BadCase{"MissingColumn", "InstanceType,vCPUs,MemoryGiB,Region,AvailabilityZone,Price\n",
                "cat.csv:1: missing column 'AcceleratorName' (the header must include InstanceType,"},
        BadCase{"DuplicateColumn", "InstanceType,InstanceType\n",
                "cat.csv:1: column 'InstanceType' appears twice"},
        BadCase{"FieldCount", H + "a,2,8,,,us-central1,us-central1-a,0.1,\n",
                "cat.csv:2: 9 fields but the header has 10 (quote fields that contain commas)"},
        BadCase{"BadPrice", H + "\na,2,8,,,,r,r-a,abc,\n",
                "cat.csv:3: Price 'abc' is not a non-negative number (leave it empty when not offered)"},
        BadCase{"NegativeSpot", H + "a,2,8,,,,r,r-a,0.1,-1\n",
                "cat.csv:2: SpotPrice '-1' is not a non-negative"},
        BadCase{"BadVcpus", H + "a,two,8,,,,r,r-a,0.1,\n", "cat.csv:2: vCPUs 'two'"},
        BadCase{"MissingMemory", H + "a,2,,,,,r,r-a,0.1,\n", "cat.csv:2: MemoryGiB ''"},
        BadCase{"EmptyName", H + ",2,8,,,,r,r-a,0.1,\n", "cat.csv:2: InstanceType is empty"},
        BadCase{"DuplicateZone", H + "a,2,8,,,,r,r-a,0.1,\na,2,8,,,,r,r-a,0.2,\n",
                "cat.csv:3: a in r-a appears twice (one row per type and zone)"},
        BadCase{"ConflictingShape", H + "a,2,8,,,,r,r-a,0.1,\na,4,8,,,,r,r-b,0.2,\n",
                "cat.csv:3: a has 4 vCPUs and 8 GiB here but 2 vCPUs and 8 GiB on line 2"},
        BadCase{"Unterminated", H + "a,2,8,,,\"x,r,r-a,0.1,\n", "cat.csv:2: unterminated quoted field"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

TEST(CatalogCsvTest, MissingFileIsNotFound) {
  auto r = ReadCatalogCsv("/nonexistent/cat.csv", CatalogCsvOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(r.status().message(), HasSubstr("/nonexistent/cat.csv"));
}

TEST(BootDiskRatesCsvTest, ReadsRatesWithOptionalColumns) {
  auto r = ParseBootDiskRatesCsv(
      "BootDiskType,PerGiBHour,PerIopsHour,PerMBpsHour\n"
      "pd-standard,0.0000547570,,\n"
      "HD-Balanced,0.000109514,0.00000684463,0.0000547570\n",
      "d.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].type, "pd-standard");
  EXPECT_EQ((*r)[0].per_iops_hour, 0);
  EXPECT_EQ((*r)[1].type, "hd-balanced");  // lower-cased like boot_disk_types
  EXPECT_EQ((*r)[1].per_mbps_hour, 0.0000547570);
  auto two_columns = ParseBootDiskRatesCsv("BootDiskType,PerGiBHour\ngp3,0.00011\n", "d.csv");
  ASSERT_TRUE(two_columns.ok());
  EXPECT_EQ((*two_columns)[0].per_gb_hour, 0.00011);
}

TEST(BootDiskRatesCsvTest, ErrorsNameFileAndLine) {
  auto header = ParseBootDiskRatesCsv("Type,Price\n", "d.csv");
  ASSERT_FALSE(header.ok());
  EXPECT_THAT(header.status().message(), HasSubstr("d.csv:1: the header must be BootDiskType,PerGiBHour"));
  auto price = ParseBootDiskRatesCsv("BootDiskType,PerGiBHour\ngp3,x\n", "d.csv");
  ASSERT_FALSE(price.ok());
  EXPECT_THAT(price.status().message(), HasSubstr("d.csv:2: PerGiBHour must be a non-negative number"));
  auto dup = ParseBootDiskRatesCsv("BootDiskType,PerGiBHour\ngp3,1\ngp3,2\n", "d.csv");
  ASSERT_FALSE(dup.ok());
  EXPECT_THAT(dup.status().message(), HasSubstr("d.csv:3: boot disk type 'gp3' appears twice"));
  EXPECT_FALSE(ParseBootDiskRatesCsv("", "d.csv").ok());
}

}  // namespace
}  // namespace cloud_tasks::compute::selection
