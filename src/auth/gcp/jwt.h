#pragma once
/// Signed JSON Web Tokens (RFC 7519, JWS compact form, RS256) for the OAuth 2.0 JWT bearer
/// grant (RFC 7523) that service-account key files use.

#include <cstdint>
#include <string>
#include <string_view>

#include "auth/gcp/rsa_signer.h"
#include "core/status.h"

namespace cloud_tasks::auth::gcp {

/// The claim set google-auth's service_account.Credentials puts in its assertion.
struct JwtClaims {
  std::string issuer;           ///< iss: the service account's client_email
  std::string scope;            ///< scope: space-separated OAuth scopes
  std::string audience;         ///< aud: the token endpoint
  std::int64_t issued_at = 0;   ///< iat, seconds since the epoch
  std::int64_t expires_at = 0;  ///< exp, seconds since the epoch
  std::string subject;          ///< sub, left out when empty (domain-wide delegation)
};

/// `base64url(header).base64url(claims).base64url(signature)` with header
/// {"alg":"RS256","typ":"JWT","kid":key_id} ("kid" left out when key_id is empty) and
/// claims in the order iss, scope, aud, iat, exp[, sub]. The result is a secret (it is a
/// bearer credential for an hour): never log it.
Result<std::string> MakeSignedJwt(const RsaSha256Signer& signer, std::string_view key_id,
                                  const JwtClaims& claims);

}  // namespace cloud_tasks::auth::gcp
