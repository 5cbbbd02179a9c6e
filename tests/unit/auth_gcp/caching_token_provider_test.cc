#include "auth/gcp/caching_token_provider.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace cloud_tasks::auth::gcp {
namespace {

const SystemTime kStart = SystemTime(std::chrono::seconds(1'764'300'000));

// Hands out "t1", "t2", ... each living `lifetime` from the fake clock's now.
class CountingProvider : public TokenProvider {
 public:
  CountingProvider(SystemTime* now, std::chrono::seconds lifetime) : now_(now), lifetime_(lifetime) {}
  Result<AccessToken> GetToken() override {
    int n = ++calls;
    if (fail) return UnavailableError("token endpoint down");
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    AccessToken t;
    t.value = "t" + std::to_string(n);
    t.expiry = *now_ + lifetime_;
    return t;
  }
  std::string Source() const override { return "counting"; }
  std::string AccountEmail() const override { return "c@e.com"; }

  std::atomic<int> calls{0};
  std::atomic<bool> fail{false};
  int delay_ms = 0;

 private:
  SystemTime* now_;
  std::chrono::seconds lifetime_;
};

TEST(CachingTokenProvider, ReusesTheTokenUntilThreeMinutesFortyFiveBeforeExpiry) {
  EXPECT_EQ(kDefaultRefreshMargin, std::chrono::seconds(225));
  SystemTime now = kStart;
  auto inner = std::make_unique<CountingProvider>(&now, std::chrono::seconds(3600));
  CountingProvider* counter = inner.get();
  CachingTokenProvider cache(std::move(inner), [&now] { return now; });
  EXPECT_EQ(cache.Source(), "counting");
  EXPECT_EQ(cache.AccountEmail(), "c@e.com");
  EXPECT_EQ(cache.GetToken()->value, "t1");
  now = kStart + std::chrono::seconds(3600 - 226);
  EXPECT_EQ(cache.GetToken()->value, "t1");
  EXPECT_EQ(counter->calls, 1);
  now = kStart + std::chrono::seconds(3600 - 225);
  EXPECT_EQ(cache.GetToken()->value, "t2");
  EXPECT_EQ(cache.GetToken()->value, "t2");
  EXPECT_EQ(counter->calls, 2);
  cache.Invalidate();
  EXPECT_EQ(cache.GetToken()->value, "t3");
}

TEST(CachingTokenProvider, AFailedRefreshIsReturnedAndRetriedNextTime) {
  SystemTime now = kStart;
  auto inner = std::make_unique<CountingProvider>(&now, std::chrono::seconds(3600));
  CountingProvider* counter = inner.get();
  CachingTokenProvider cache(std::move(inner), [&now] { return now; });
  ASSERT_TRUE(cache.GetToken().ok());
  now += std::chrono::minutes(57);
  counter->fail = true;
  Result<AccessToken> failed = cache.GetToken();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message(), "token endpoint down");
  counter->fail = false;
  EXPECT_EQ(cache.GetToken()->value, "t3");
}

TEST(CachingTokenProvider, ShortLivedTokensAreNotCached) {
  SystemTime now = kStart;
  CachingTokenProvider cache(std::make_unique<CountingProvider>(&now, std::chrono::seconds(100)),
                             [&now] { return now; });
  EXPECT_EQ(cache.GetToken()->value, "t1");
  EXPECT_EQ(cache.GetToken()->value, "t2");
}

TEST(CachingTokenProvider, ConcurrentCallersShareOneRefresh) {
  SystemTime now = kStart;
  auto inner = std::make_unique<CountingProvider>(&now, std::chrono::seconds(3600));
  inner->delay_ms = 50;
  CountingProvider* counter = inner.get();
  CachingTokenProvider cache(std::move(inner), [&now] { return now; });
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      Result<AccessToken> t = cache.GetToken();
      if (t.ok() && t->value == "t1") ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 8);
  EXPECT_EQ(counter->calls, 1);
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
