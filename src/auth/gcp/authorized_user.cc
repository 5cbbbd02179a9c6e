#include "auth/gcp/authorized_user.h"

#include "auth/gcp/json_fields.h"
#include "auth/gcp/service_account_key.h"

namespace cloud_tasks::auth::gcp {

Result<AuthorizedUser> AuthorizedUserFromJson(const Json& object, const std::string& path) {
  const std::string what = "user credentials file '" + path + "'";
  AuthorizedUser user;
  user.path = path;
  CT_ASSIGN_OR_RETURN(user.client_id, RequiredStringField(object, "client_id", what));
  CT_ASSIGN_OR_RETURN(user.client_secret, RequiredStringField(object, "client_secret", what));
  CT_ASSIGN_OR_RETURN(user.refresh_token, RequiredStringField(object, "refresh_token", what));
  CT_ASSIGN_OR_RETURN(user.quota_project_id, OptionalStringField(object, "quota_project_id", what));
  CT_ASSIGN_OR_RETURN(user.account, OptionalStringField(object, "account", what));
  CT_ASSIGN_OR_RETURN(user.universe_domain, OptionalStringField(object, "universe_domain", what));
  if (user.universe_domain.empty()) user.universe_domain = kDefaultUniverseDomain;
  return user;
}

}  // namespace cloud_tasks::auth::gcp
