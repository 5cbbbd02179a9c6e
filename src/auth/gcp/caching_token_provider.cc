#include "auth/gcp/caching_token_provider.h"

#include "core/logging.h"

namespace cloud_tasks::auth::gcp {

CachingTokenProvider::CachingTokenProvider(std::unique_ptr<TokenProvider> inner, WallClock clock,
                                           std::chrono::seconds refresh_margin)
    : inner_(std::move(inner)),
      clock_(clock ? std::move(clock) : SystemWallClock()),
      margin_(refresh_margin) {}

Result<AccessToken> CachingTokenProvider::GetToken() {
  std::lock_guard<std::mutex> lock(mu_);
  SystemTime now = clock_();
  if (cached_ && now + margin_ < cached_->expiry) return *cached_;
  CT_ASSIGN_OR_RETURN(AccessToken fresh, inner_->GetToken());
  if (now + margin_ >= fresh.expiry) {
    // A token that is already inside the margin (expires_in < 225 s) is used once but not
    // cached, so the next call asks again.
    LogDebug("GCP: token from {} expires at {}, inside the refresh margin; not cached", inner_->Source(),
             FormatIsoUtc(fresh.expiry));
    cached_.reset();
    return fresh;
  }
  LogDebug("GCP: new access token from {}, expires {}", inner_->Source(), FormatIsoUtc(fresh.expiry));
  cached_ = fresh;
  return fresh;
}

void CachingTokenProvider::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  cached_.reset();
}

}  // namespace cloud_tasks::auth::gcp
