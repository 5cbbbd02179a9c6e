#pragma once
/// A caching decorator that hands out the same credentials until they come close to their
/// expiration, then refreshes them from the wrapped provider, with botocore's two windows
/// (RefreshableCredentials):
/// - more than `advisory` (15 min) left: the cached credentials;
/// - between `mandatory` (10 min) and `advisory` left: one caller refreshes while the
///   others keep using the cached credentials; if the refresh fails, a warning is logged
///   and the cached credentials are used;
/// - less than `mandatory` left (or nothing cached yet): every caller waits for the
///   refresh, and its failure is returned.
/// Credentials without an expiration are loaded once and kept. Freshly loaded credentials
/// that have already expired are an error (kFailedPrecondition) naming their source and
/// expiration time. Thread-safe.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "auth/aws/credential_provider.h"
#include "auth/aws/wall_clock.h"

namespace cloud_tasks::auth::aws {

struct RefreshWindows {
  std::chrono::seconds advisory{15 * 60};
  std::chrono::seconds mandatory{10 * 60};
};

class RefreshingCredentialProvider : public CredentialProvider {
 public:
  /// `clock` null: the system clock.
  RefreshingCredentialProvider(std::unique_ptr<CredentialProvider> inner, WallClock clock,
                               RefreshWindows windows = {});

  Result<ResolvedCredentials> Load() override;
  std::string Name() const override { return inner_->Name(); }

 private:
  bool NeedsRefresh(std::chrono::seconds window, SystemTime now) const;  // mu_ held
  Result<ResolvedCredentials> Refresh(bool mandatory);                 // refresh_mu_ held

  std::unique_ptr<CredentialProvider> inner_;
  WallClock clock_;
  RefreshWindows windows_;
  std::mutex refresh_mu_;  // one refresh at a time
  mutable std::mutex mu_;  // guards cached_
  std::optional<ResolvedCredentials> cached_;
};

}  // namespace cloud_tasks::auth::aws
