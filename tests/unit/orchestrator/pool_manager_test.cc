// PoolManager against FakeProvider with a test clock: scaling checks and their interval,
// replacement of lost instances, a failed listing (BUG-ORC-06), keep-alive supervision
// (ORC-40..43), retirement at the tail after instance_termination_delay (BUG-ORC-01),
// and TerminateAll (BUG-ORC-05, failures reported after trying the rest).

#include "orchestrator/pool_manager.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "compute/fake_provider.h"

namespace cloud_tasks::orchestrator {
namespace {

using compute::FakeProvider;
using compute::InstanceState;
using std::chrono::seconds;

class PoolManagerTest : public ::testing::Test {
 protected:
  PoolManagerTest() {
    compute::FakeProviderOptions fo;
    fo.now = [this] { return wall_; };
    provider_ = std::make_unique<FakeProvider>(fo);
  }

  PoolManagerOptions Options() {
    PoolManagerOptions o;
    o.job_id = "job1";
    o.type = compute::DefaultFakeOffers()[1].type;  // fake-medium-4
    o.price_per_hour = 0.2;
    o.zone = "fake-region-1a";
    o.tasks_per_instance = 4;
    o.cpus_per_task = 1;
    o.scaling_check_interval = seconds(60);
    o.instance_termination_delay = seconds(120);
    o.keepalive_timeout = seconds(300);
    o.keepalive_startup_timeout = seconds(600);
    o.now = [this] { return now_; };
    return o;
  }

  void Advance(seconds s) {
    now_ += s;
    wall_ += s;
  }

  std::vector<compute::Instance> Live() {
    auto listed = provider_->ListInstances({.job_id = std::string("job1")});
    EXPECT_TRUE(listed.ok());
    std::vector<compute::Instance> live;
    for (auto& i : *listed)
      if (compute::IsLive(i.state)) live.push_back(i);
    return live;
  }

  std::unique_ptr<FakeProvider> provider_;
  std::chrono::steady_clock::time_point now_{seconds(1000)};
  SystemTime wall_ = *ParseIsoTime("2024-05-01T10:00:00Z");
};

TEST_F(PoolManagerTest, StartsWhatTheWorkNeedsWithinMaxInstancesAndChecksOnInterval) {
  PoolManagerOptions o = Options();
  o.limits.max_instances = 3;
  PoolManager pool(*provider_, o);
  ASSERT_TRUE(pool.Tick(/*remaining=*/100, /*tail=*/false).ok());
  EXPECT_EQ(Live().size(), 3u);
  EXPECT_EQ(pool.status().live, 3);
  EXPECT_EQ(pool.status().vcpus, 12);
  EXPECT_DOUBLE_EQ(pool.status().price_per_hour, 0.6);
  // Work for 2 instances only (5 tasks, 4 per instance) would not have started 3.
  FakeProvider other;
  PoolManager small(other, Options());
  ASSERT_TRUE(small.Tick(5, false).ok());
  EXPECT_EQ(other.create_calls(), 2);
  // A lost instance is replaced at the next check, not before the interval.
  ASSERT_TRUE(provider_->KillInstance(Live()[0].id).ok());
  Advance(seconds(30));
  ASSERT_TRUE(pool.Tick(100, false).ok());
  EXPECT_EQ(Live().size(), 2u);
  Advance(seconds(31));
  ASSERT_TRUE(pool.Tick(100, false).ok());
  EXPECT_EQ(Live().size(), 3u);
  EXPECT_EQ(pool.status().started_total, 4);
}

TEST_F(PoolManagerTest, FailedListingSkipsTheCheckInsteadOfStartingAFullPool) {  // BUG-ORC-06
  PoolManagerOptions o = Options();
  o.limits.max_instances = 2;
  PoolManager pool(*provider_, o);
  ASSERT_TRUE(pool.Tick(100, false).ok());
  EXPECT_EQ(provider_->create_calls(), 2);
  Advance(seconds(60));
  provider_->FailNextList(UnavailableError("API down"));
  ASSERT_TRUE(pool.Tick(100, false).ok());
  EXPECT_EQ(provider_->create_calls(), 2);
  EXPECT_EQ(Live().size(), 2u);
}

TEST_F(PoolManagerTest, CreationFailuresAreRetriedByLaterChecks) {  // ORC-27
  PoolManagerOptions o = Options();
  o.limits.max_instances = 1;
  PoolManager pool(*provider_, o);
  provider_->FailNextCreate(UnavailableError("no capacity"));
  ASSERT_TRUE(pool.Tick(10, false).ok());
  EXPECT_EQ(Live().size(), 0u);
  Advance(seconds(60));
  ASSERT_TRUE(pool.Tick(10, false).ok());
  EXPECT_EQ(Live().size(), 1u);
}

TEST_F(PoolManagerTest, SilentInstanceIsTerminatedAndReplaced) {  // ORC-41
  PoolManagerOptions o = Options();
  o.limits.max_instances = 2;
  PoolManager pool(*provider_, o);
  ASSERT_TRUE(pool.Tick(100, false).ok());
  auto first = Live();
  ASSERT_EQ(first.size(), 2u);
  pool.OnKeepAlive(first[0].id);
  pool.OnKeepAlive(first[1].id);
  Advance(seconds(200));
  pool.OnKeepAlive(first[1].id);  // first[0] goes quiet
  Advance(seconds(150));          // 350 s since first[0] was heard, 150 s for first[1]
  ASSERT_TRUE(pool.Tick(100, false).ok());
  auto now_live = Live();
  ASSERT_EQ(now_live.size(), 2u);
  EXPECT_TRUE(std::none_of(now_live.begin(), now_live.end(), [&](auto& i) { return i.id == first[0].id; }));
  EXPECT_TRUE(std::any_of(now_live.begin(), now_live.end(), [&](auto& i) { return i.id == first[1].id; }));
  EXPECT_EQ(pool.status().terminated_total, 1);
  EXPECT_FALSE(pool.abort_reason());
}

TEST_F(PoolManagerTest, NoKeepAliveFromAnyInstanceAbortsTheJob) {  // ORC-43
  PoolManagerOptions o = Options();
  o.limits.max_instances = 2;
  PoolManager pool(*provider_, o);
  ASSERT_TRUE(pool.Tick(100, false).ok());
  Advance(seconds(599));
  ASSERT_TRUE(pool.Tick(100, false).ok());
  EXPECT_FALSE(pool.abort_reason());
  Advance(seconds(60));  // the next check
  ASSERT_TRUE(pool.Tick(100, false).ok());
  ASSERT_TRUE(pool.abort_reason());
  EXPECT_NE(pool.abort_reason()->find("startup script is probably broken"), std::string::npos);
  EXPECT_EQ(Live().size(), 0u);
}

TEST_F(PoolManagerTest, OneInstanceWithoutFirstKeepAliveIsReplacedWhenOthersReport) {  // ORC-42
  PoolManagerOptions o = Options();
  o.limits.max_instances = 2;
  PoolManager pool(*provider_, o);
  ASSERT_TRUE(pool.Tick(100, false).ok());
  auto first = Live();
  pool.OnKeepAlive(first[1].id);
  Advance(seconds(601));
  pool.OnKeepAlive(first[1].id);
  ASSERT_TRUE(pool.Tick(100, false).ok());
  EXPECT_FALSE(pool.abort_reason());
  auto now_live = Live();
  ASSERT_EQ(now_live.size(), 2u);
  EXPECT_TRUE(std::none_of(now_live.begin(), now_live.end(), [&](auto& i) { return i.id == first[0].id; }));
}

TEST_F(PoolManagerTest, TailSurplusIsRetiredNewestFirstOnlyAfterTheDelay) {  // BUG-ORC-01
  PoolManagerOptions o = Options();
  o.limits.max_instances = 3;
  PoolManager pool(*provider_, o);
  ASSERT_TRUE(pool.Tick(100, false).ok());
  Advance(seconds(60));
  ASSERT_TRUE(provider_->KillInstance(Live()[0].id).ok());
  ASSERT_TRUE(pool.Tick(100, false).ok());  // replaced: this one is the newest
  auto live = Live();
  ASSERT_EQ(live.size(), 3u);
  auto newest =
      std::max_element(live.begin(), live.end(), [](auto& a, auto& b) { return a.created < b.created; });
  std::string newest_id = newest->id;
  for (const auto& i : live) pool.OnKeepAlive(i.id);
  // The tail: 5 tasks left need 2 instances of 4 slots; one is surplus.
  Advance(seconds(60));
  ASSERT_TRUE(pool.Tick(5, /*tail=*/true).ok());
  EXPECT_EQ(Live().size(), 3u);  // surplus noticed, delay not over
  Advance(seconds(60));
  for (const auto& i : live) pool.OnKeepAlive(i.id);
  ASSERT_TRUE(pool.Tick(5, true).ok());
  EXPECT_EQ(Live().size(), 3u);  // 60 s of 120
  Advance(seconds(61));
  for (const auto& i : live) pool.OnKeepAlive(i.id);
  ASSERT_TRUE(pool.Tick(5, true).ok());
  auto after = Live();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_TRUE(std::none_of(after.begin(), after.end(), [&](auto& i) { return i.id == newest_id; }));
}

TEST_F(PoolManagerTest, SurplusBeforeTheTailIsKept) {
  PoolManagerOptions o = Options();
  o.limits.max_instances = 3;
  PoolManager pool(*provider_, o);
  ASSERT_TRUE(pool.Tick(100, false).ok());
  for (int k = 0; k < 4; ++k) {
    Advance(seconds(100));
    for (const auto& i : Live()) pool.OnKeepAlive(i.id);
    ASSERT_TRUE(pool.Tick(5, /*tail=*/false).ok());
  }
  EXPECT_EQ(Live().size(), 3u);
}

TEST_F(PoolManagerTest, TerminateAllTriesEveryInstanceAndReportsAFailure) {  // ORC-63, BUG-ORC-05
  PoolManagerOptions o = Options();
  o.limits.max_instances = 3;
  PoolManager pool(*provider_, o);
  ASSERT_TRUE(pool.Tick(100, false).ok());
  ASSERT_TRUE(provider_->KillInstance(Live()[0].id).ok());  // already gone: left alone
  int calls_before = provider_->terminate_calls();
  provider_->FailNextTerminate(UnavailableError("throttled"));
  Status st = pool.TerminateAll();
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(provider_->terminate_calls() - calls_before, 2);
  EXPECT_EQ(Live().size(), 1u);  // the failed one
  ASSERT_TRUE(pool.TerminateAll().ok());
  EXPECT_EQ(Live().size(), 0u);
}

}  // namespace
}  // namespace cloud_tasks::orchestrator
