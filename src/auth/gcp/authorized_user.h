#pragma once
/// User credentials ("type": "authorized_user"), as `gcloud auth application-default login`
/// writes them to the ADC file: an OAuth client and a refresh token.
/// Fields read: client_id, client_secret, refresh_token (all required, as in google-auth's
/// from_authorized_user_info); quota_project_id, account and universe_domain are kept;
/// others are ignored. Like google-auth, a token_uri in the file is ignored: the refresh
/// goes to Google's token endpoint (injectable for tests).

#include <string>

#include "core/json.h"
#include "core/status.h"

namespace cloud_tasks::auth::gcp {

struct AuthorizedUser {
  std::string path;  ///< the file it was read from (for messages)
  std::string client_id;
  std::string client_secret;  ///< secret
  std::string refresh_token;  ///< secret
  std::string quota_project_id;
  std::string account;  ///< e-mail gcloud recorded, often empty
  std::string universe_domain;
};

/// kInvalidArgument "user credentials file '<path>' has no \"refresh_token\" field" etc.
Result<AuthorizedUser> AuthorizedUserFromJson(const Json& object, const std::string& path);

}  // namespace cloud_tasks::auth::gcp
