#include "auth/gcp/credential_check.h"

namespace cloud_tasks::auth::gcp {

Result<CredentialCheck> CheckGcpCredentials(const DefaultCredentialsOptions& options) {
  CT_ASSIGN_OR_RETURN(GcpCredentials credentials, FindDefaultCredentials(options));
  CT_ASSIGN_OR_RETURN(AccessToken token, credentials.tokens->GetToken());
  CredentialCheck check;
  check.source = credentials.source;
  check.account_email = credentials.account_email;
  check.project_id = credentials.project_id;
  check.project_source = credentials.project_source;
  check.quota_project_id = credentials.quota_project_id;
  check.token_expiry = token.expiry;
  return check;
}

}  // namespace cloud_tasks::auth::gcp
