#include "auth/aws/static_key_providers.h"

#include <utility>

namespace cloud_tasks::auth::aws {
namespace {

std::string Value(const std::optional<std::string>& v) { return v.has_value() ? *v : std::string(); }

}  // namespace

Result<ResolvedCredentials> ConfigKeysProvider::Load() {
  std::string id = Value(access_key_);
  std::string secret = Value(secret_key_);
  if (id.empty() && secret.empty()) return NotFoundError("aws.access_key and aws.secret_key not set");
  if (secret.empty()) {
    return InvalidArgumentError("aws.access_key is set in the config but aws.secret_key is missing; "
                                "set both or neither");
  }
  if (id.empty()) {
    return InvalidArgumentError("aws.secret_key is set in the config but aws.access_key is missing; "
                                "set both or neither");
  }
  ResolvedCredentials out;
  out.credentials.access_key_id = std::move(id);
  out.credentials.secret_access_key = std::move(secret);
  out.source = "config file keys";
  return out;
}

Result<ResolvedCredentials> EnvironmentProvider::Load() {
  std::string id = Value(env_("AWS_ACCESS_KEY_ID"));
  std::string secret = Value(env_("AWS_SECRET_ACCESS_KEY"));
  if (id.empty() && secret.empty()) return NotFoundError("AWS_ACCESS_KEY_ID not set");
  if (secret.empty()) {
    return InvalidArgumentError(
        "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is missing or empty; set both or unset both");
  }
  if (id.empty()) {
    return InvalidArgumentError(
        "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is missing or empty; set both or unset both");
  }
  ResolvedCredentials out;
  out.credentials.access_key_id = std::move(id);
  out.credentials.secret_access_key = std::move(secret);
  out.credentials.session_token = Value(env_("AWS_SESSION_TOKEN"));
  if (out.credentials.session_token.empty()) {
    out.credentials.session_token = Value(env_("AWS_SECURITY_TOKEN"));
  }
  std::string expiry = Value(env_("AWS_CREDENTIAL_EXPIRATION"));
  if (!expiry.empty()) {
    Result<SystemTime> t = ParseIsoTime(expiry);
    if (!t.ok()) {
      return InvalidArgumentError("AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time: " + expiry);
    }
    out.expiration = *t;
  }
  out.source = "environment";
  return out;
}

}  // namespace cloud_tasks::auth::aws
