#pragma once
/// What `cloud_tasks check_credentials --provider gcp` needs: resolve the chain exactly as
/// a run would, obtain one token (the token exchange, the refresh grant or the metadata
/// token: the one harmless call that proves the credentials), and describe the result.
/// Nothing in the result is secret; the token itself is not returned.

#include <string>

#include "auth/gcp/default_credentials.h"

namespace cloud_tasks::auth::gcp {

struct CredentialCheck {
  std::string source;          ///< where the credentials came from
  std::string account_email;   ///< "" when unknown
  std::string project_id;      ///< "" when none was found (a run would then need --project-id)
  std::string project_source;  ///< which rule gave the project id
  std::string quota_project_id;
  SystemTime token_expiry{};  ///< when the token obtained expires
};

/// FindDefaultCredentials + GetToken. Errors are those of the chain or of the token call:
/// the provider's error code and description plus the fix naming the file or variable.
Result<CredentialCheck> CheckGcpCredentials(const DefaultCredentialsOptions& options);

}  // namespace cloud_tasks::auth::gcp
