#pragma once
/// A caching decorator: hands out the same access token until shortly before it expires,
/// then gets a new one from the wrapped provider.
///
/// The margin is google-auth's REFRESH_THRESHOLD, 3 min 45 s (google/auth/_helpers.py:
/// a token counts as expired that long before its expiry; google-auth-library-nodejs
/// uses 5 min, eagerRefreshThresholdMillis). Tokens live 3600 s, so a token is reused
/// for about 56 minutes. If a refresh fails the error is returned (an expired-soon token
/// is not handed out, since a call made with it could fail midway). Thread-safe: one
/// caller refreshes while the others wait for its result.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "auth/gcp/token_provider.h"

namespace cloud_tasks::auth::gcp {

inline constexpr std::chrono::seconds kDefaultRefreshMargin{3 * 60 + 45};

class CachingTokenProvider : public TokenProvider {
 public:
  /// `clock` null: the system clock.
  CachingTokenProvider(std::unique_ptr<TokenProvider> inner, WallClock clock,
                       std::chrono::seconds refresh_margin = kDefaultRefreshMargin);

  Result<AccessToken> GetToken() override;
  std::string Source() const override { return inner_->Source(); }
  std::string AccountEmail() const override { return inner_->AccountEmail(); }

  /// Forgets the cached token (e.g. after the API answered 401 with it).
  void Invalidate();

  TokenProvider& inner() { return *inner_; }

 private:
  std::unique_ptr<TokenProvider> inner_;
  WallClock clock_;
  std::chrono::seconds margin_;
  std::mutex mu_;  // held across the refresh, so concurrent callers share one
  std::optional<AccessToken> cached_;
};

}  // namespace cloud_tasks::auth::gcp
