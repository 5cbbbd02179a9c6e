#pragma once
/// A chain of credential providers tried in order (botocore's CredentialResolver). The
/// first link that answers wins and is remembered: later Load() calls (refreshes) go to
/// that link only, as botocore refreshes through the provider that found the credentials.
/// A link's kNotFound moves on; any other error stops the chain and is returned as is.
/// When no link has credentials the answer is kNotFound listing every link and its reason.
/// Thread-safe.

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "auth/aws/credential_provider.h"

namespace cloud_tasks::auth::aws {

class CredentialChain : public CredentialProvider {
 public:
  explicit CredentialChain(std::vector<std::unique_ptr<CredentialProvider>> links)
      : links_(std::move(links)) {}

  Result<ResolvedCredentials> Load() override;
  std::string Name() const override;

 private:
  std::vector<std::unique_ptr<CredentialProvider>> links_;
  mutable std::mutex mu_;
  std::optional<size_t> winner_;
};

}  // namespace cloud_tasks::auth::aws
