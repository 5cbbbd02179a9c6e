#include "auth/aws/profile_key_providers.h"

namespace cloud_tasks::auth::aws {
namespace {

Result<ResolvedCredentials> KeysFrom(const IniSection* section, const std::string& file,
                                     const std::string& profile, const std::string& label) {
  if (section == nullptr) return NotFoundError("no profile '" + profile + "' in " + file);
  std::optional<std::string> id = section->Get("aws_access_key_id");
  if (!id.has_value() || id->empty()) {
    return NotFoundError("profile '" + profile + "' in " + file + " has no aws_access_key_id");
  }
  std::optional<std::string> secret = section->Get("aws_secret_access_key");
  if (!secret.has_value() || secret->empty()) {
    return InvalidArgumentError(file + ":" + std::to_string(section->line) + ": profile '" + profile +
                                "' has aws_access_key_id but no aws_secret_access_key");
  }
  ResolvedCredentials out;
  out.credentials.access_key_id = *id;
  out.credentials.secret_access_key = *secret;
  std::optional<std::string> token = section->Get("aws_session_token");
  if (!token.has_value() || token->empty()) token = section->Get("aws_security_token");
  if (token.has_value()) out.credentials.session_token = *token;
  out.source = label + " " + file + " profile " + profile;
  return out;
}

}  // namespace

Result<ResolvedCredentials> SharedCredentialsFileProvider::Load() {
  CT_ASSIGN_OR_RETURN(const SharedConfig* shared, files_->Get());
  CT_RETURN_IF_ERROR(shared->CheckProfile(files_->profile()));
  const std::string& profile = files_->profile().name;
  return KeysFrom(shared->CredentialsFileProfile(profile), shared->paths().credentials_file, profile,
                  "shared credentials file");
}

Result<ResolvedCredentials> SharedConfigFileProvider::Load() {
  CT_ASSIGN_OR_RETURN(const SharedConfig* shared, files_->Get());
  CT_RETURN_IF_ERROR(shared->CheckProfile(files_->profile()));
  const std::string& profile = files_->profile().name;
  return KeysFrom(shared->ConfigFileProfile(profile), shared->paths().config_file, profile,
                  "shared config file");
}

}  // namespace cloud_tasks::auth::aws
