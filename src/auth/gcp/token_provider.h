#pragma once
/// The TokenProvider role: something that can obtain an access token for one Google
/// identity (a service-account key, user credentials, the metadata server), or a caching
/// decorator around one.

#include <string>

#include "auth/gcp/access_token.h"
#include "core/status.h"

namespace cloud_tasks::auth::gcp {

class TokenProvider {
 public:
  virtual ~TokenProvider() = default;

  /// An access token. The plain providers ask their server every time; CachingTokenProvider
  /// hands out a cached one until shortly before it expires. Errors carry the server's own
  /// error code and description and the fix, naming where the credentials came from; they
  /// never contain a token, a key, a refresh token, a client secret or an assertion.
  virtual Result<AccessToken> GetToken() = 0;

  /// Where the credentials came from, for `check_credentials` and error messages, e.g.
  /// "service-account key file /k.json (GOOGLE_APPLICATION_CREDENTIALS)". Never a secret.
  virtual std::string Source() const = 0;

  /// The account's e-mail where known ("" otherwise).
  virtual std::string AccountEmail() const = 0;
};

}  // namespace cloud_tasks::auth::gcp
