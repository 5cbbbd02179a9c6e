#pragma once
/// Application Default Credentials, in google-auth's order (google.auth.default()), with
/// the original's config key first:
///   1. gcp.credentials_file of the config (the original's key; GCE-01)
///   2. GOOGLE_APPLICATION_CREDENTIALS
///   3. the gcloud ADC file ($CLOUDSDK_CONFIG or ~/.config/gcloud,
///      application_default_credentials.json), written by
///      `gcloud auth application-default login`
///   4. the metadata server (GCE_METADATA_HOST, NO_GCE_CHECK; metadata_server.h)
/// (google-auth's App Engine first-generation link is left out.) A file link that is set
/// (1, 2) or present (3) but broken stops the chain with its error, as google-auth raises;
/// a link with nothing there moves on. When every link comes up empty the error
/// (kNotFound) lists what was tried and how to set credentials up.
///
/// Project id, first found (google.auth.default() order, with the config first):
///   gcp.project_id of the config; GOOGLE_CLOUD_PROJECT; GCLOUD_PROJECT; the key file's
///   project_id; for user credentials gcloud's active project (gcloud_config.h); on the
///   metadata server project/project-id. A user file's quota_project_id is not a project
///   id (google-auth keeps it only for the x-goog-user-project header); it is returned
///   separately.
///
/// Everything outside the process comes in through the options (environment, transport,
/// clock), so tests never reach a real metadata server or the internet.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/gcp/caching_token_provider.h"
#include "auth/gcp/service_account_key.h"
#include "core/environment.h"
#include "http/http.h"

namespace cloud_tasks::auth::gcp {

struct DefaultCredentialsOptions {
  std::optional<std::string> credentials_file;  ///< gcp.credentials_file of the config
  std::optional<std::string> project_id;        ///< gcp.project_id of the config
  std::vector<std::string> scopes;              ///< empty: cloud-platform
  EnvLookup env;                                ///< null: the process environment
  http::HttpTransport* transport = nullptr;     ///< required; must outlive the credentials
  WallClock clock;                              ///< null: the system clock
  std::chrono::seconds refresh_margin = kDefaultRefreshMargin;
  /// Where user credentials are refreshed (google-auth: always Google's endpoint).
  std::string user_token_uri = kGoogleTokenUri;
};

struct GcpCredentials {
  /// Cached tokens of the chosen link; shared by every client of the run.
  std::shared_ptr<CachingTokenProvider> tokens;
  std::string source;          ///< where the credentials came from (never a secret)
  std::string account_email;   ///< "" when unknown (user credentials without "account")
  std::string project_id;      ///< "" when no rule above found one
  std::string project_source;  ///< "config", "GOOGLE_CLOUD_PROJECT", "key file", ...
  std::string quota_project_id;
};

/// Walks the chain. Nothing is contacted but the metadata server (link 4, only when the
/// earlier links are empty) and, when needed for the project id, the metadata server again.
Result<GcpCredentials> FindDefaultCredentials(const DefaultCredentialsOptions& options);

}  // namespace cloud_tasks::auth::gcp
