#pragma once
/// Access tokens for user credentials (the gcloud ADC file), the way google-auth's
/// oauth2.credentials.Credentials refreshes them (RFC 6749 section 6):
///   POST https://oauth2.googleapis.com/token
///   grant_type=refresh_token&client_id=..&client_secret=..&refresh_token=..
/// No scope is sent (the refresh token carries the scopes granted at login, as google-auth
/// does for user credentials). Marked idempotent. A refused refresh token
/// ("invalid_grant: Token has been expired or revoked.") says to run
/// `gcloud auth application-default login` again.

#include <memory>
#include <string>

#include "auth/gcp/authorized_user.h"
#include "auth/gcp/token_provider.h"
#include "http/http.h"

namespace cloud_tasks::auth::gcp {

struct AuthorizedUserOptions {
  AuthorizedUser user;
  std::string source;  ///< for messages; empty: "user credentials file <path>"
  /// The token endpoint. google-auth always uses Google's, whatever the file says; tests
  /// point it at loopback.
  std::string token_uri = "https://oauth2.googleapis.com/token";
  http::HttpTransport* transport = nullptr;  ///< required; must outlive the credentials
  WallClock clock;                           ///< null: the system clock
};

class AuthorizedUserCredentials : public TokenProvider {
 public:
  static Result<std::unique_ptr<AuthorizedUserCredentials>> Create(AuthorizedUserOptions options);

  Result<AccessToken> GetToken() override;
  std::string Source() const override { return source_; }
  std::string AccountEmail() const override { return user_.account; }

 private:
  explicit AuthorizedUserCredentials(AuthorizedUserOptions options);

  AuthorizedUser user_;
  std::string source_;
  std::string token_uri_;
  http::HttpTransport* transport_;
  WallClock clock_;
};

}  // namespace cloud_tasks::auth::gcp
