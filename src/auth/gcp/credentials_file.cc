#include "auth/gcp/credentials_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cloud_tasks::auth::gcp {

Result<CredentialsFile> ParseCredentialsFile(std::string_view text, const std::string& path) {
  const std::string what = "GCP credentials file '" + path + "'";
  Json object;
  try {
    object = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // e.what() quotes the bytes around the error, which may be part of a private key.
    return InvalidArgumentError(what + " is not valid JSON (error at byte " + std::to_string(e.byte) + ")");
  }
  if (!object.is_object()) return InvalidArgumentError(what + " is not a JSON object");
  auto type = object.find("type");
  if (type == object.end() || !type->is_string()) {
    return InvalidArgumentError(what +
                                " has no \"type\" field; expected \"service_account\" (a key file) or "
                                "\"authorized_user\" (gcloud auth application-default login)");
  }
  const std::string kind = type->get<std::string>();
  if (kind == "service_account") {
    CT_ASSIGN_OR_RETURN(ServiceAccountKey key, ServiceAccountKeyFromJson(object, path));
    return CredentialsFile(std::move(key));
  }
  if (kind == "authorized_user") {
    CT_ASSIGN_OR_RETURN(AuthorizedUser user, AuthorizedUserFromJson(object, path));
    return CredentialsFile(std::move(user));
  }
  return InvalidArgumentError(what + " has type \"" + kind +
                              "\", which cloud_tasks does not support; use a service-account key file "
                              "(\"type\": \"service_account\") or user credentials from "
                              "`gcloud auth application-default login` (\"type\": \"authorized_user\")");
}

Result<CredentialsFile> LoadCredentialsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    std::string message = "cannot read GCP credentials file '" + path + "': " + std::strerror(err);
    if (err == ENOENT) return NotFoundError(message);
    return IoError(message);
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return IoError("error reading GCP credentials file '" + path + "'");
  return ParseCredentialsFile(contents.str(), path);
}

}  // namespace cloud_tasks::auth::gcp
