#include "http/rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/logging.h"
#include "http/rate_limit_presets.h"
#include "http/rate_limited_transport.h"
#include "unit/http/scripted_transport.h"

namespace cloud_tasks::http {
namespace {

using std::chrono::milliseconds;

// A clock that moves only when the limiter sleeps (or the test advances it).
struct FakeTime {
  RateLimiter::Clock::time_point now{};
  std::vector<milliseconds> sleeps;
  bool sleep_advances = true;

  RateLimiter::Options Options(std::vector<BucketSpec> buckets) {
    RateLimiter::Options o;
    o.buckets = std::move(buckets);
    o.now = [this] { return now; };
    o.sleep = [this](milliseconds d) {
      sleeps.push_back(d);
      if (sleep_advances) now += d;
    };
    return o;
  }
};

BucketSpec Bucket(const char* name, double capacity, double refill) {
  BucketSpec b;
  b.name = name;
  b.capacity = capacity;
  b.refill_per_second = refill;
  return b;
}

std::unique_ptr<RateLimiter> Make(RateLimiter::Options options) {
  auto r = RateLimiter::Create(std::move(options));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

TEST(RateLimiterTest, BurstThenRefillRate) {
  FakeTime t;
  auto limiter = Make(t.Options({Bucket("ec2.describe", 100, 20)}));
  for (int i = 0; i < 100; ++i) EXPECT_EQ(limiter->Acquire("ec2.describe"), milliseconds(0));
  EXPECT_TRUE(t.sleeps.empty());
  EXPECT_EQ(limiter->Acquire("ec2.describe"), milliseconds(50));  // 1 token at 20/s
  EXPECT_EQ(limiter->Acquire("ec2.describe"), milliseconds(50));
  t.now += std::chrono::seconds(10);  // idle: refills, but never past the capacity
  EXPECT_DOUBLE_EQ(limiter->Available("ec2.describe"), 100);
}

TEST(RateLimiterTest, RunInstancesCountsInstancesNotRequests) {
  FakeTime t;
  auto limiter = Make(t.Options(Ec2Buckets()));
  EXPECT_EQ(limiter->Acquire(kEc2RunInstancesBucket, 250), milliseconds(0));
  EXPECT_EQ(limiter->Acquire(kEc2RunInstancesBucket, 750), milliseconds(0));
  EXPECT_EQ(limiter->Acquire(kEc2RunInstancesBucket, 2), milliseconds(1000));  // 2 per second
  // More than the capacity at once: waits for what is missing.
  FakeTime t2;
  auto fresh = Make(t2.Options(Ec2Buckets()));
  EXPECT_EQ(fresh->Acquire(kEc2RunInstancesBucket, 1500), milliseconds(250'000));
}

TEST(RateLimiterTest, UnknownOrEmptyBucketIsNotPaced) {
  FakeTime t;
  auto limiter = Make(t.Options({Bucket("a", 1, 1)}));
  for (int i = 0; i < 10; ++i) EXPECT_EQ(limiter->Acquire("nope", 100), milliseconds(0));
  EXPECT_EQ(limiter->Acquire("", 1), milliseconds(0));
  EXPECT_FALSE(limiter->Has("nope"));
  EXPECT_TRUE(limiter->Has("a"));
  EXPECT_TRUE(t.sleeps.empty());
}

TEST(RateLimiterTest, WaitersQueueInArrivalOrder) {
  FakeTime t;
  t.sleep_advances = false;  // all callers arrive at the same instant
  auto limiter = Make(t.Options({Bucket("b", 2, 10)}));
  std::vector<milliseconds> waits;
  for (int i = 0; i < 5; ++i) waits.push_back(limiter->Acquire("b"));
  EXPECT_EQ(waits, (std::vector<milliseconds>{milliseconds(0), milliseconds(0), milliseconds(100),
                                              milliseconds(200), milliseconds(300)}));
  EXPECT_DOUBLE_EQ(limiter->Available("b"), -3);
}

TEST(RateLimiterTest, ThreadSafeTotalWaitIsExact) {
  FakeTime t;
  t.sleep_advances = false;
  RateLimiter::Options options = t.Options({Bucket("b", 10, 100)});
  std::atomic<int64_t> total_ms{0};
  options.sleep = [&](milliseconds d) { total_ms += d.count(); };
  auto limiter = Make(std::move(options));
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 25; ++j) limiter->Acquire("b");
    });
  }
  for (auto& th : threads) th.join();
  // 200 tokens from a bucket of 10 at 100/s with a frozen clock: the k-th token past the
  // capacity waits k * 10 ms, whatever the interleaving.
  int64_t expected = 0;
  for (int k = 1; k <= 190; ++k) expected += k * 10;
  EXPECT_EQ(total_ms.load(), expected);
  EXPECT_DOUBLE_EQ(limiter->Available("b"), -190);
}

TEST(RateLimiterTest, LogsWaitsAtVerbose) {
  LogLevel previous = GetLogLevel();
  SetLogLevel(LogLevel::kInfo);
  std::vector<std::string> lines;
  LogSink old = SetLogSink([&](LogLevel, const std::string& l) { lines.push_back(l); });
  FakeTime t;
  auto limiter = Make(t.Options({Bucket("gce.read", 1, 0.5)}));
  limiter->Acquire("gce.read");
  limiter->Acquire("gce.read");
  SetLogSink(old);
  SetLogLevel(previous);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("bucket gce.read: waiting 2.000 s for 1 token"), std::string::npos) << lines[0];
}

TEST(RateLimiterTest, RejectsBadBuckets) {
  RateLimiter::Options o;
  o.buckets = {Bucket("", 1, 1)};
  EXPECT_EQ(RateLimiter::Create(o).status().code(), ErrorCode::kInvalidArgument);
  o.buckets = {Bucket("a", 0, 1)};
  EXPECT_EQ(RateLimiter::Create(o).status().code(), ErrorCode::kInvalidArgument);
  o.buckets = {Bucket("a", 1, 0)};
  EXPECT_EQ(RateLimiter::Create(o).status().code(), ErrorCode::kInvalidArgument);
  o.buckets = {Bucket("a", 1, 1), Bucket("a", 2, 2)};
  EXPECT_EQ(RateLimiter::Create(o).status().code(), ErrorCode::kInvalidArgument);
}

TEST(RateLimitPresetsTest, PublishedNumbers) {
  auto ec2 = Ec2Buckets();
  auto find = [](const std::vector<BucketSpec>& v, std::string_view name) {
    for (const auto& b : v) {
      if (b.name == name) return b;
    }
    return BucketSpec{};
  };
  EXPECT_EQ(find(ec2, kEc2DescribeBucket).capacity, 100);
  EXPECT_EQ(find(ec2, kEc2DescribeBucket).refill_per_second, 20);
  EXPECT_EQ(find(ec2, kEc2MutateBucket).capacity, 200);
  EXPECT_EQ(find(ec2, kEc2MutateBucket).refill_per_second, 5);
  EXPECT_EQ(find(ec2, kEc2RunInstancesBucket).capacity, 1000);
  EXPECT_EQ(find(ec2, kEc2RunInstancesBucket).refill_per_second, 2);
  auto gce = ComputeEngineBuckets();
  EXPECT_EQ(find(gce, kGceReadBucket).capacity, 1500);
  EXPECT_DOUBLE_EQ(find(gce, kGceReadBucket).refill_per_second, 25);
  BucketSpec m = PerMinuteBucket("x", 600);
  EXPECT_EQ(m.capacity, 600);
  EXPECT_DOUBLE_EQ(m.refill_per_second, 10);
  RateLimiter::Options o;
  o.buckets = ec2;
  for (auto& b : gce) o.buckets.push_back(b);
  EXPECT_TRUE(RateLimiter::Create(o).ok());
}

TEST(RateLimitedTransportTest, DrawsRateCostFromTheRequestsBucket) {
  FakeTime t;
  auto limiter = std::shared_ptr<RateLimiter>(Make(t.Options({Bucket("ec2.run", 10, 2)})));
  auto inner = std::make_shared<testing::ScriptedTransport>();
  auto transport = RateLimitedTransport::Create(inner, limiter);
  ASSERT_TRUE(transport.ok());
  HttpRequest run;
  run.method = "POST";
  run.url = "https://ec2.us-east-1.amazonaws.com/";
  run.rate_bucket = "ec2.run";
  run.rate_cost = 8;
  ASSERT_TRUE((*transport)->Send(run).ok());
  EXPECT_TRUE(t.sleeps.empty());
  ASSERT_TRUE((*transport)->Send(run).ok());  // 6 short at 2/s
  EXPECT_EQ(t.sleeps, std::vector<milliseconds>{milliseconds(3000)});
  HttpRequest unpaced;
  unpaced.url = run.url;
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*transport)->Send(unpaced).ok());
  EXPECT_EQ(t.sleeps.size(), 1u);
  EXPECT_EQ(inner->seen().size(), 7u);
}

TEST(RateLimitedTransportTest, RejectsNulls) {
  EXPECT_FALSE(RateLimitedTransport::Create(nullptr, nullptr).ok());
}

}  // namespace
}  // namespace cloud_tasks::http
