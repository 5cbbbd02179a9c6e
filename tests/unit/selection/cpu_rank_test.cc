#include "compute/selection/cpu_rank.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cloud_tasks::compute::selection {
namespace {

using ::testing::HasSubstr;

TEST(CpuRankTest, TableIsInRankOrderFromUnknownToGoogleAxion) {
  const auto& table = CpuRankTable();
  ASSERT_EQ(table.size(), 28u);
  for (size_t i = 0; i < table.size(); ++i) EXPECT_EQ(table[i].second, static_cast<int>(i)) << table[i].first;
  EXPECT_EQ(table.front().first, "Unknown");
  EXPECT_EQ(table.back().first, "Google Axion");
}

TEST(CpuRankTest, KnownFamiliesFromTheSpec) {
  EXPECT_EQ(CpuRank("Intel Cascade Lake").rank, 12);
  EXPECT_EQ(CpuRank("Intel Sapphire Rapids").rank, 21);
  EXPECT_EQ(CpuRank("AWS Graviton3E").rank, 20);
  EXPECT_EQ(CpuRank("AMD Turin").rank, 26);
  EXPECT_EQ(CpuRank("Intel").rank, 1);
  EXPECT_TRUE(CpuRank("AMD Milan").warning.empty());
}

TEST(CpuRankTest, LookupIgnoresCaseAndSurroundingSpaces) {
  EXPECT_EQ(CpuRank("  intel emerald RAPIDS ").rank, 25);
  EXPECT_EQ(CpuRank("AWS GRAVITON2").rank, 18);
}

TEST(CpuRankTest, EmptyAndUnknownRankZeroWithoutWarning) {
  EXPECT_EQ(CpuRank("").rank, 0);
  EXPECT_TRUE(CpuRank("").warning.empty());
  EXPECT_EQ(CpuRank("Unknown").rank, 0);
  EXPECT_TRUE(CpuRank("unknown").warning.empty());
}

TEST(CpuRankTest, MissingFamilyRanksZeroWithAWarning) {
  CpuRankLookup r = CpuRank("Apple M2 Pro");
  EXPECT_EQ(r.rank, 0);
  EXPECT_THAT(r.warning, HasSubstr("Apple M2 Pro"));
  EXPECT_THAT(r.warning, HasSubstr("rank 0"));
}

}  // namespace
}  // namespace cloud_tasks::compute::selection
