// Statistics against hand-computed values (mean, population std, median, p90, p95 with
// linear interpolation), heard_from (BUG-DB-02), exception grouping, spot hosts, time
// range and throughput.

#include "jobdb/statistics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "jobdb_test_util.h"

namespace cloud_tasks::jobdb {
namespace {

using testing::CreateStore;
using testing::TestDbPath;

TEST(ElapsedStats, HandComputedFiveValues) {
  // {1..5}: mean 3, variance (4+1+0+1+4)/5 = 2, p90 rank 3.6 → 4.6, p95 rank 3.8 → 4.8.
  ElapsedStats s = ComputeElapsedStats({5, 3, 1, 4, 2});
  EXPECT_EQ(s.count, 5);
  EXPECT_DOUBLE_EQ(s.min, 1);
  EXPECT_DOUBLE_EQ(s.max, 5);
  EXPECT_DOUBLE_EQ(s.mean, 3);
  EXPECT_DOUBLE_EQ(s.stddev, std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(s.median, 3);
  EXPECT_DOUBLE_EQ(s.p90, 4.6);
  EXPECT_DOUBLE_EQ(s.p95, 4.8);
}

TEST(ElapsedStats, HandComputedEvenCount) {
  // {2,4,4,4,5,5,7,9}: mean 5, population std 2; median rank 3.5 → 4.5;
  // p90 rank 6.3 → 7 + 0.3·2 = 7.6; p95 rank 6.65 → 7 + 0.65·2 = 8.3.
  ElapsedStats s = ComputeElapsedStats({9, 2, 4, 5, 4, 7, 4, 5});
  EXPECT_DOUBLE_EQ(s.mean, 5);
  EXPECT_DOUBLE_EQ(s.stddev, 2);
  EXPECT_DOUBLE_EQ(s.median, 4.5);
  EXPECT_NEAR(s.p90, 7.6, 1e-12);
  EXPECT_NEAR(s.p95, 8.3, 1e-12);
}

TEST(ElapsedStats, EmptyAndSingle) {
  EXPECT_EQ(ComputeElapsedStats({}).count, 0);
  ElapsedStats one = ComputeElapsedStats({7.5});
  EXPECT_DOUBLE_EQ(one.median, 7.5);
  EXPECT_DOUBLE_EQ(one.p95, 7.5);
  EXPECT_DOUBLE_EQ(one.stddev, 0);
  EXPECT_DOUBLE_EQ(Percentile({1, 2}, 100), 2);
  EXPECT_DOUBLE_EQ(Percentile({1, 2}, 0), 1);
}

TEST(CollectStatistics, KnownJob) {
  auto store = CreateStore(TestDbPath(), "2024-05-01T10:00:00Z");
  testing::BuildKnownJob(*store);
  auto stats = CollectStatistics(*store);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->total, 10);
  EXPECT_EQ(stats->pending, 1);
  EXPECT_EQ(stats->in_queue_original, 1);
  EXPECT_EQ(stats->heard_from, 8);  // pending t10 is not "heard from" (BUG-DB-02)
  EXPECT_EQ(stats->completed, 5);
  EXPECT_EQ(stats->remaining, 3);
  EXPECT_EQ(stats->remaining_ids, (std::vector<std::string>{"t10", "t7", "t9"}));
  EXPECT_EQ(stats->counts.at("exception_with_retry"), 1);

  // Completed only: {1..5}.
  EXPECT_EQ(stats->elapsed_completed.count, 5);
  EXPECT_DOUBLE_EQ(stats->elapsed_completed.mean, 3);
  EXPECT_DOUBLE_EQ(stats->elapsed_completed.p90, 4.6);
  // The light query agrees: completed tasks with an elapsed time, and their mean.
  auto light = store->CompletedElapsedMean();
  ASSERT_TRUE(light.ok()) << light.status().ToString();
  EXPECT_EQ(light->count, 5);
  EXPECT_DOUBLE_EQ(light->mean, 3);
  EXPECT_EQ(store->RemainingCount().value(), 3);
  // All: {1,2,3,4,5,10,20,30}: mean 75/8 = 9.375; Σ(x−mean)² = 751.875 → std √93.984375;
  // median rank 3.5 → 4.5; p90 rank 6.3 → 20 + 0.3·10 = 23; p95 rank 6.65 → 26.5.
  const ElapsedStats& all = stats->elapsed_all;
  EXPECT_EQ(all.count, 8);
  EXPECT_DOUBLE_EQ(all.min, 1);
  EXPECT_DOUBLE_EQ(all.max, 30);
  EXPECT_DOUBLE_EQ(all.mean, 9.375);
  EXPECT_NEAR(all.stddev, std::sqrt(93.984375), 1e-12);
  EXPECT_DOUBLE_EQ(all.median, 4.5);
  EXPECT_NEAR(all.p90, 23, 1e-12);
  EXPECT_NEAR(all.p95, 26.5, 1e-12);

  ASSERT_EQ(stats->top_exceptions.size(), 1u);
  EXPECT_EQ(stats->top_exceptions[0].count, 2);
  EXPECT_EQ(stats->spot_termination_hosts, (std::vector<std::string>{"h1", "h2"}));
  EXPECT_EQ(FormatIsoUtc(*stats->first_enqueued_at), "2024-05-01T10:00:00.000000+00:00");
  EXPECT_EQ(FormatIsoUtc(*stats->last_completed_at), "2024-05-01T11:00:00.000000+00:00");
  EXPECT_DOUBLE_EQ(*stats->wall_seconds, 3600);
  EXPECT_DOUBLE_EQ(*stats->tasks_per_hour, 5);
}

TEST(CollectStatistics, ExceptionsGroupedByTextMostFrequentFirst) {
  auto store = CreateStore(TestDbPath());
  auto tasks = testing::MakeTasks(12);
  ASSERT_TRUE(store->InsertTasks(tasks).ok());
  std::vector<Json> events;
  for (int i = 1; i <= 12; ++i) {
    Json e = testing::TaskEvent("task_exception", "t" + std::to_string(i), false, 1);
    e["exception"] = i <= 6 ? "A" : i <= 9 ? "B" : "C" + std::to_string(i);  // A×6, B×3, C10..C12×1
    events.push_back(e);
  }
  testing::Apply(*store, events);
  auto stats = CollectStatistics(*store, {.max_exceptions = 4});
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->top_exceptions.size(), 4u);
  EXPECT_EQ(stats->top_exceptions[0].text, "A");
  EXPECT_EQ(stats->top_exceptions[0].count, 6);
  EXPECT_EQ(stats->top_exceptions[1].text, "B");
  EXPECT_EQ(stats->top_exceptions[1].count, 3);
  EXPECT_EQ(stats->top_exceptions[2].text, "C10");  // ties ordered by text
  EXPECT_EQ(stats->top_exceptions[3].text, "C11");
}

TEST(CollectStatistics, HeardFromCountsOnlyTasksThatReported) {
  auto store = CreateStore(TestDbPath());
  ASSERT_TRUE(store->InsertTasks(testing::MakeTasks(4)).ok());  // all pending: nothing sent
  auto stats = CollectStatistics(*store);
  EXPECT_EQ(stats->heard_from, 0);
  ASSERT_TRUE(store->MarkEnqueued(std::vector<std::string>{"t1", "t2"}).ok());
  testing::Apply(*store, {testing::TaskEvent("task_completed", "t1", false, 1)});
  stats = CollectStatistics(*store);
  EXPECT_EQ(stats->heard_from, 1);
  EXPECT_EQ(stats->in_queue_original, 1);
  EXPECT_EQ(stats->pending, 2);
}

TEST(CollectStatistics, WallClockRunsToNowBeforeAnyCompletion) {
  auto store = CreateStore(TestDbPath(), "2024-05-01T10:00:00Z");
  ASSERT_TRUE(store->InsertTasks(testing::MakeTasks(2)).ok());
  auto stats = CollectStatistics(*store, {.now = testing::FixedTime("2024-05-01T10:30:00Z")});
  ASSERT_TRUE(stats.ok());
  EXPECT_DOUBLE_EQ(*stats->wall_seconds, 1800);
  EXPECT_FALSE(stats->tasks_per_hour.has_value());  // nothing completed
  EXPECT_EQ(stats->elapsed_all.count, 0);
  EXPECT_EQ(stats->remaining_ids, (std::vector<std::string>{"t1", "t2"}));
}

TEST(CollectStatistics, RemainingIdsOnlyWhenFewerThanFifty) {
  auto store = CreateStore(TestDbPath());
  ASSERT_TRUE(store->InsertTasks(testing::MakeTasks(50)).ok());
  EXPECT_TRUE(CollectStatistics(*store)->remaining_ids.empty());
  testing::Apply(*store, {testing::TaskEvent("task_completed", "t1", false, 1)});
  EXPECT_EQ(CollectStatistics(*store)->remaining_ids.size(), 49u);
}

}  // namespace
}  // namespace cloud_tasks::jobdb
