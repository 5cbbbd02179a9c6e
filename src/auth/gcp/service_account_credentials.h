#pragma once
/// Access tokens for a service-account key, the way google-auth's
/// service_account.Credentials gets them (OAuth 2.0 JWT bearer grant, RFC 7523):
///   POST <key file's token_uri>
///   Content-Type: application/x-www-form-urlencoded
///   grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=<JWT>
/// with an RS256 JWT: header {"alg":"RS256","typ":"JWT","kid":private_key_id}, claims
/// iss=client_email, scope=<scopes, space-separated>, aud=token_uri, iat=now,
/// exp=now+3600. The request is marked idempotent: a token exchange changes nothing on
/// the server, so the retry decorator may resend it.
/// Note: google-auth (Python) always puts https://oauth2.googleapis.com/token in "aud";
/// we use the key file's token_uri as golang.org/x/oauth2/jwt does. For Google's own key
/// files both are the same; for an emulator or a private endpoint ours is the one that
/// endpoint can check.

#include <memory>
#include <string>
#include <vector>

#include "auth/gcp/rsa_signer.h"
#include "auth/gcp/service_account_key.h"
#include "auth/gcp/token_provider.h"
#include "http/http.h"

namespace cloud_tasks::auth::gcp {

struct ServiceAccountOptions {
  ServiceAccountKey key;
  /// Where the key came from, for messages: "service-account key file /k.json
  /// (credentials_file in the config)". Empty: "service-account key file <path>".
  std::string source;
  /// The config key or variable that named the file ("credentials_file in the config",
  /// "GOOGLE_APPLICATION_CREDENTIALS"), used in the fix of a refused key.
  std::string named_by;
  std::vector<std::string> scopes;           ///< empty: DefaultScopes()
  http::HttpTransport* transport = nullptr;  ///< required; must outlive the credentials
  WallClock clock;                           ///< null: the system clock
};

class ServiceAccountCredentials : public TokenProvider {
 public:
  /// Parses the private key now, so a broken key is reported before any call:
  /// kInvalidArgument "the \"private_key\" of service-account key file '<path>' is not a
  /// readable PEM private key; download a new key ...".
  static Result<std::unique_ptr<ServiceAccountCredentials>> Create(ServiceAccountOptions options);

  Result<AccessToken> GetToken() override;
  std::string Source() const override { return source_; }
  std::string AccountEmail() const override { return key_.client_email; }

  /// The signed assertion for `now` (exposed for tests; a secret).
  Result<std::string> MakeAssertion(SystemTime now) const;

 private:
  ServiceAccountCredentials(ServiceAccountOptions options, RsaSha256Signer signer);

  ServiceAccountKey key_;
  std::string source_;
  std::string named_by_;
  std::string scope_;
  http::HttpTransport* transport_;
  WallClock clock_;
  RsaSha256Signer signer_;
};

}  // namespace cloud_tasks::auth::gcp
