#include "auth/aws/refreshing_credential_provider.h"

#include "core/logging.h"

namespace cloud_tasks::auth::aws {

RefreshingCredentialProvider::RefreshingCredentialProvider(std::unique_ptr<CredentialProvider> inner,
                                                           WallClock clock, RefreshWindows windows)
    : inner_(std::move(inner)), clock_(clock ? std::move(clock) : SystemWallClock()), windows_(windows) {}

bool RefreshingCredentialProvider::NeedsRefresh(std::chrono::seconds window, SystemTime now) const {
  if (!cached_.has_value()) return true;
  if (!cached_->expiration.has_value()) return false;
  return *cached_->expiration - now < window;
}

Result<ResolvedCredentials> RefreshingCredentialProvider::Refresh(bool mandatory) {
  Result<ResolvedCredentials> fresh = inner_->Load();
  SystemTime now = clock_();
  if (fresh.ok() && fresh->expiration.has_value() && *fresh->expiration < now) {
    fresh = FailedPreconditionError("credentials from " + fresh->source + " expired at " +
                                    FormatIsoUtc(*fresh->expiration) + " (now " + FormatIsoUtc(now) +
                                    "); the source handed out expired credentials");
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (fresh.ok()) {
    cached_ = *fresh;
    return fresh;
  }
  if (mandatory || !cached_.has_value()) return fresh;
  LogWarning("Refreshing temporary AWS credentials ({}) failed during the advisory refresh period: {}",
             inner_->Name(), fresh.status().message());
  return *cached_;
}

Result<ResolvedCredentials> RefreshingCredentialProvider::Load() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!NeedsRefresh(windows_.advisory, clock_())) return *cached_;
  }
  std::unique_lock<std::mutex> refresh(refresh_mu_, std::try_to_lock);
  if (!refresh.owns_lock()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!NeedsRefresh(windows_.mandatory, clock_())) return *cached_;  // someone is refreshing
    }
    refresh.lock();
  }
  bool mandatory;
  {
    std::lock_guard<std::mutex> lock(mu_);
    SystemTime now = clock_();
    if (!NeedsRefresh(windows_.advisory, now)) return *cached_;  // refreshed while we waited
    mandatory = NeedsRefresh(windows_.mandatory, now);
  }
  return Refresh(mandatory);
}

}  // namespace cloud_tasks::auth::aws
