#include "auth/aws/refreshing_credential_provider.h"

#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <thread>

#include "chain_test_support.h"
#include "core/logging.h"

namespace cloud_tasks::auth::aws {
namespace {

using namespace std::chrono_literals;
using testing::FakeClock;

SystemTime T0() { return *ParseIsoTime("2026-11-28T10:00:00Z"); }

// Hands out scripted answers and counts calls.
class ScriptedProvider : public CredentialProvider {
 public:
  void Expiring(const std::string& id, std::optional<SystemTime> expiration) {
    ResolvedCredentials c;
    c.credentials.access_key_id = id;
    c.credentials.secret_access_key = testing::kSecret;
    c.source = "scripted";
    c.expiration = expiration;
    script_.emplace_back(c);
  }
  void Fail(Status s) { script_.emplace_back(std::move(s)); }
  Result<ResolvedCredentials> Load() override {
    std::lock_guard<std::mutex> lock(mu_);
    ++calls_;
    if (script_.empty()) return UnavailableError("script exhausted");
    Result<ResolvedCredentials> r = script_.front();
    script_.pop_front();
    return r;
  }
  std::string Name() const override { return "scripted"; }
  int calls() const { return calls_; }

 private:
  std::mutex mu_;
  std::deque<Result<ResolvedCredentials>> script_;
  std::atomic<int> calls_{0};
};

struct Fixture {
  FakeClock clock{T0()};
  ScriptedProvider* inner = new ScriptedProvider;
  RefreshingCredentialProvider provider{std::unique_ptr<CredentialProvider>(inner), clock.AsWallClock()};
};

TEST(RefreshingCredentialProvider, LongTermCredentialsLoadOnce) {
  Fixture f;
  f.inner->Expiring("A", std::nullopt);
  for (int i = 0; i < 3; ++i) {
    f.clock.Advance(24h * 365);
    auto r = f.provider.Load();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->credentials.access_key_id, "A");
  }
  EXPECT_EQ(f.inner->calls(), 1);
}

TEST(RefreshingCredentialProvider, CachedUntilTheAdvisoryWindow) {
  Fixture f;
  f.inner->Expiring("A", T0() + 1h);
  f.inner->Expiring("B", T0() + 2h);
  EXPECT_EQ(f.provider.Load()->credentials.access_key_id, "A");
  f.clock.Advance(44min);  // 16 min left
  EXPECT_EQ(f.provider.Load()->credentials.access_key_id, "A");
  EXPECT_EQ(f.inner->calls(), 1);
  f.clock.Advance(2min);  // 14 min left: advisory refresh
  EXPECT_EQ(f.provider.Load()->credentials.access_key_id, "B");
  EXPECT_EQ(f.inner->calls(), 2);
}

TEST(RefreshingCredentialProvider, AdvisoryRefreshFailureKeepsOldCredentials) {
  std::vector<std::string> warnings;
  LogSink old = SetLogSink([&](LogLevel level, const std::string& line) {
    if (level == LogLevel::kWarning) warnings.push_back(line);
  });
  Fixture f;
  f.inner->Expiring("A", T0() + 1h);
  f.inner->Fail(UnavailableError("IMDS down"));
  ASSERT_TRUE(f.provider.Load().ok());
  f.clock.Advance(48min);  // 12 min left
  auto r = f.provider.Load();
  SetLogSink(old);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.access_key_id, "A");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("advisory refresh period: IMDS down"), std::string::npos);
  EXPECT_FALSE(testing::HasSecret(warnings[0]));
}

TEST(RefreshingCredentialProvider, MandatoryRefreshFailureIsReturned) {
  Fixture f;
  f.inner->Expiring("A", T0() + 1h);
  f.inner->Fail(UnavailableError("IMDS down"));
  f.inner->Expiring("C", T0() + 3h);
  ASSERT_TRUE(f.provider.Load().ok());
  f.clock.Advance(55min);  // 5 min left
  auto r = f.provider.Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
  auto again = f.provider.Load();  // tries again on the next call
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->credentials.access_key_id, "C");
}

TEST(RefreshingCredentialProvider, FirstLoadFailureIsReturned) {
  Fixture f;
  f.inner->Fail(NotFoundError("nothing"));
  EXPECT_EQ(f.provider.Load().status().code(), ErrorCode::kNotFound);
}

TEST(RefreshingCredentialProvider, AlreadyExpiredCredentialsAreAnError) {
  Fixture f;
  f.inner->Expiring("OLD", T0() - 1min);
  auto r = f.provider.Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("credentials from scripted expired at 2026-11-28T09:59:00"),
            std::string::npos)
      << r.status().message();
  EXPECT_FALSE(testing::HasSecret(r.status().message()));
}

TEST(RefreshingCredentialProvider, ConcurrentCallersShareOneRefresh) {
  Fixture f;
  f.inner->Expiring("A", T0() + 1h);
  f.inner->Expiring("B", T0() + 2h);
  ASSERT_TRUE(f.provider.Load().ok());
  f.clock.Advance(58min);  // mandatory window: everyone waits for one refresh
  std::vector<std::thread> threads;
  std::atomic<int> got_b{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto r = f.provider.Load();
      if (r.ok() && r->credentials.access_key_id == "B") ++got_b;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(got_b.load(), 8);
  EXPECT_EQ(f.inner->calls(), 2);
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
