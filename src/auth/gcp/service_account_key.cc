#include "auth/gcp/service_account_key.h"

#include "auth/gcp/json_fields.h"

namespace cloud_tasks::auth::gcp {

Result<ServiceAccountKey> ServiceAccountKeyFromJson(const Json& object, const std::string& path) {
  const std::string what = "service-account key file '" + path + "'";
  ServiceAccountKey key;
  key.path = path;
  CT_ASSIGN_OR_RETURN(key.client_email, RequiredStringField(object, "client_email", what));
  CT_ASSIGN_OR_RETURN(key.private_key, RequiredStringField(object, "private_key", what));
  CT_ASSIGN_OR_RETURN(key.private_key_id, OptionalStringField(object, "private_key_id", what));
  CT_ASSIGN_OR_RETURN(key.token_uri, OptionalStringField(object, "token_uri", what));
  if (key.token_uri.empty()) key.token_uri = kGoogleTokenUri;
  CT_ASSIGN_OR_RETURN(key.project_id, OptionalStringField(object, "project_id", what));
  CT_ASSIGN_OR_RETURN(key.quota_project_id, OptionalStringField(object, "quota_project_id", what));
  CT_ASSIGN_OR_RETURN(key.universe_domain, OptionalStringField(object, "universe_domain", what));
  if (key.universe_domain.empty()) key.universe_domain = kDefaultUniverseDomain;
  return key;
}

}  // namespace cloud_tasks::auth::gcp
