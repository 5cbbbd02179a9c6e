#include "auth/aws/credential_chain.h"

#include "core/logging.h"

namespace cloud_tasks::auth::aws {

std::string CredentialChain::Name() const {
  std::lock_guard<std::mutex> lock(mu_);
  return winner_.has_value() ? links_[*winner_]->Name() : "AWS credential chain";
}

Result<ResolvedCredentials> CredentialChain::Load() {
  std::lock_guard<std::mutex> lock(mu_);
  if (winner_.has_value()) return links_[*winner_]->Load();
  std::string tried;
  for (size_t i = 0; i < links_.size(); ++i) {
    Result<ResolvedCredentials> r = links_[i]->Load();
    if (r.ok()) {
      winner_ = i;
      LogInfo("Found AWS credentials: {}", r->source);
      return r;
    }
    if (r.status().code() != ErrorCode::kNotFound) return r.status();
    tried += "\n  - " + links_[i]->Name() + ": " + r.status().message();
  }
  return NotFoundError(
      "Unable to locate AWS credentials. Tried, in order:" + tried +
      "\nSet aws.access_key and aws.secret_key in the config, AWS_ACCESS_KEY_ID and "
      "AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials (AWS_PROFILE selects it)");
}

}  // namespace cloud_tasks::auth::aws
