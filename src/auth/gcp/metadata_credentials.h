#pragma once
/// Access tokens of the VM's (or Cloud Run service's) attached service account from the
/// metadata server, as google-auth's compute_engine.Credentials gets them:
///   GET .../instance/service-accounts/default/email   (the probe: is there a server, and
///                                                       which account)
///   GET .../instance/service-accounts/default/token   {"access_token","expires_in",
///                                                       "token_type"}
///   GET .../project/project-id                         (the project, on demand)
/// The probe's answer must carry `Metadata-Flavor: Google` (so a proxy or captive portal
/// answering for the host is not taken for a metadata server).

#include <memory>
#include <string>
#include <vector>

#include "auth/gcp/metadata_server.h"
#include "auth/gcp/token_provider.h"

namespace cloud_tasks::auth::gcp {

struct MetadataCredentialsOptions {
  http::HttpTransport* transport = nullptr;  ///< required; must outlive the credentials
  MetadataServerSettings settings;
  /// Sent as ?scopes=a,b when not empty (honoured by Cloud Run and friends; Compute Engine
  /// uses the instance's scopes). google-auth sends none unless asked; neither do we.
  std::vector<std::string> scopes;
  WallClock clock;  ///< null: the system clock
};

class MetadataCredentials : public TokenProvider {
 public:
  /// Asks for the default service account's e-mail.
  /// - kNotFound: no metadata server here (no answer, or an answer without
  ///   Metadata-Flavor: Google) — not on Google Cloud; the message says what was tried.
  /// - kPermissionDenied: a metadata server without a service account (404).
  /// - kUnavailable: the server answered with an error.
  static Result<std::unique_ptr<MetadataCredentials>> Probe(MetadataCredentialsOptions options);

  Result<AccessToken> GetToken() override;
  std::string Source() const override;
  std::string AccountEmail() const override { return email_; }

  /// The project the VM belongs to.
  Result<std::string> ProjectId() const;

 private:
  MetadataCredentials(MetadataCredentialsOptions options, std::string email);

  MetadataClient client_;
  std::string scopes_;  // comma-separated
  WallClock clock_;
  std::string email_;
};

}  // namespace cloud_tasks::auth::gcp
