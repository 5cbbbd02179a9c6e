// LoadCatalog: a CSV file (with its boot disk rates), the provider through the price
// cache, --refresh-prices, and the zone restriction.

#include "orchestrator/catalog_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "compute/fake_provider.h"

namespace cloud_tasks::orchestrator {
namespace {

using ::testing::HasSubstr;

const std::string kFixture = std::string(CT_SOURCE_DIR) + "/tests/fixtures/catalogs/gcp_us-central1.csv";

// Counts catalog fetches so a cache hit is visible.
class CountingProvider : public compute::FakeProvider {
 public:
  Result<compute::Catalog> GetCatalog() override {
    ++fetches;
    return FakeProvider::GetCatalog();
  }
  int fetches = 0;
};

class CatalogSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) / ("ct_catalog_source_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  CatalogSourceOptions Cached() const {
    CatalogSourceOptions o;
    o.cache_dir = (dir_ / "prices").string();
    return o;
  }
  std::filesystem::path dir_;
};

TEST_F(CatalogSourceTest, ReadsTheFileAndItsBootDiskRates) {
  config::Settings s;
  s.provider = "gcp";
  s.region = "us-central1";
  CatalogSourceOptions o;
  o.catalog_file = kFixture;
  std::vector<std::string> notes;
  auto c = LoadCatalog(nullptr, s, o, &notes);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->region, "us-central1");
  EXPECT_FALSE(c->types.empty());
  EXPECT_EQ(c->boot_disks.size(), 5u);  // from gcp_us-central1_boot_disks.csv
  ASSERT_GE(notes.size(), 2u);
  EXPECT_THAT(notes.back(), HasSubstr("Catalog read from " + kFixture));
}

TEST_F(CatalogSourceTest, MissingOrWrongRegionFilesAreErrors) {
  config::Settings s;
  s.provider = "gcp";
  CatalogSourceOptions o;
  o.catalog_file = (dir_ / "missing.csv").string();
  EXPECT_EQ(LoadCatalog(nullptr, s, o, nullptr).status().code(), ErrorCode::kNotFound);
  s.region = "europe-west4";
  o.catalog_file = kFixture;
  auto c = LoadCatalog(nullptr, s, o, nullptr);
  EXPECT_FALSE(c.ok() && !c->types.empty()) << "no europe-west4 rows in the fixture";
}

TEST_F(CatalogSourceTest, ProviderCatalogIsCachedUntilRefreshIsAsked) {
  CountingProvider provider;
  config::Settings s;
  s.provider = "fake";
  s.region = "fake-region-1";
  std::vector<std::string> notes;
  ASSERT_TRUE(LoadCatalog(&provider, s, Cached(), &notes).ok());
  EXPECT_EQ(provider.fetches, 1);
  EXPECT_THAT(notes.back(), HasSubstr("fetched and cached in"));
  auto again = LoadCatalog(&provider, s, Cached(), &notes);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(provider.fetches, 1);
  EXPECT_THAT(notes.back(), HasSubstr("from the cache"));
  EXPECT_EQ(again->types.size(), 4u);
  CatalogSourceOptions refresh = Cached();
  refresh.refresh_prices = true;
  ASSERT_TRUE(LoadCatalog(&provider, s, refresh, nullptr).ok());
  EXPECT_EQ(provider.fetches, 2);
  // Another region is another cache entry.
  s.region = "fake-region-2";
  ASSERT_TRUE(LoadCatalog(&provider, s, Cached(), nullptr).ok());
  EXPECT_EQ(provider.fetches, 3);
}

TEST_F(CatalogSourceTest, ZoneKeepsOnlyItsPrices) {
  compute::FakeProvider provider;
  config::Settings s;
  s.provider = "fake";
  s.zone = "fake-region-1b";
  auto c = LoadCatalog(&provider, s, Cached(), nullptr);
  ASSERT_TRUE(c.ok());
  for (const auto& ct : c->types) {
    ASSERT_EQ(ct.zones.size(), 1u) << ct.type.name;
    EXPECT_EQ(ct.zones[0].zone, "fake-region-1b");
  }
  s.zone = "elsewhere-1a";
  auto none = LoadCatalog(&provider, s, Cached(), nullptr);
  EXPECT_EQ(none.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(none.status().message(), HasSubstr("zone 'elsewhere-1a'"));
}

TEST(RestrictToZoneTest, RegionWidePricesStay) {
  compute::Catalog c;
  compute::CatalogType t;
  t.type.name = "x";
  t.zones = {{"r-*", 1.0, std::nullopt}, {"r-a", 2.0, std::nullopt}, {"r-b", 3.0, std::nullopt}};
  c.types.push_back(t);
  ASSERT_TRUE(RestrictToZone(c, "r-b").ok());
  ASSERT_EQ(c.types[0].zones.size(), 2u);
  EXPECT_EQ(c.types[0].zones[0].zone, "r-*");
  EXPECT_EQ(c.types[0].zones[1].zone, "r-b");
}

}  // namespace
}  // namespace cloud_tasks::orchestrator
