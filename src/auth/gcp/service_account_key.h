#pragma once
/// A service-account key file ("type": "service_account"), as `gcloud iam service-accounts
/// keys create` writes it. Fields read: client_email, private_key, private_key_id,
/// token_uri, project_id; quota_project_id and universe_domain are kept; every other field
/// (client_id, auth_uri, auth_provider_x509_cert_url, client_x509_cert_url...) is ignored.

#include <string>

#include "core/json.h"
#include "core/status.h"

namespace cloud_tasks::auth::gcp {

/// Google's OAuth 2.0 token endpoint.
inline constexpr char kGoogleTokenUri[] = "https://oauth2.googleapis.com/token";
inline constexpr char kDefaultUniverseDomain[] = "googleapis.com";

struct ServiceAccountKey {
  std::string path;  ///< the file it was read from (for messages)
  std::string client_email;
  std::string private_key_id;  ///< may be empty; sent as the JWT "kid"
  /// PEM text. A secret: never put it in a message, a log line or a copy that outlives
  /// the credentials.
  std::string private_key;
  std::string token_uri;   ///< the file's own; kGoogleTokenUri when the file has none
  std::string project_id;  ///< may be empty (old key files)
  std::string quota_project_id;
  std::string universe_domain;  ///< kDefaultUniverseDomain when absent
};

/// Reads the fields of an already parsed key file. Required: client_email, private_key
/// (kInvalidArgument "service-account key file '<path>' has no \"private_key\" field").
/// Unlike google-auth (Python), which requires token_uri, a missing token_uri falls back
/// to kGoogleTokenUri, as the Go and Node libraries do. The PEM is not parsed here.
Result<ServiceAccountKey> ServiceAccountKeyFromJson(const Json& object, const std::string& path);

}  // namespace cloud_tasks::auth::gcp
