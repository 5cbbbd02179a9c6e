#pragma once
/// The token endpoint's answers (RFC 6749 sections 5.1 and 5.2), and the metadata server's
/// token answer, which has the same JSON shape.

#include <string>

#include "auth/gcp/access_token.h"
#include "core/status.h"
#include "http/http.h"

namespace cloud_tasks::auth::gcp {

/// What an error message needs to know about the credentials that were refused.
struct TokenErrorContext {
  /// Where the credentials came from ("service-account key file /k.json (credentials_file
  /// in the config)").
  std::string source;
  /// What to do when the credentials themselves were refused (invalid_grant other than
  /// the clock-skew answer), e.g. "create a new key ... and point credentials_file at it".
  std::string fix_for_rejected;
};

/// Parses a 200 answer: access_token (required), expires_in (number or numeric string;
/// absent → 3600 s), token_type (default "Bearer"). `now` + expires_in is the expiry.
/// kInternal-free: a malformed answer is kUnavailable naming `endpoint`, never quoting the
/// body.
Result<AccessToken> ParseTokenResponse(const http::HttpResponse& response, SystemTime now,
                                       const std::string& endpoint);

/// The Status for a non-200 token-endpoint answer:
///   "<error>: <error_description> (HTTP <status>) from <endpoint>; credentials from
///    <source>. <fix>"
/// where the fix is "check the system clock ..." for the clock-skew answer ("Invalid JWT:
/// Token must be a short-lived token ... Check your iat and exp values"), `fix_for_rejected`
/// for other invalid_grant / invalid_client / unauthorized_client answers. 429 and 5xx are
/// kUnavailable; other refusals kPermissionDenied.
Status TokenEndpointError(const http::HttpResponse& response, const std::string& endpoint,
                          const TokenErrorContext& context);

/// True when an OAuth error description is Google's answer to an assertion whose iat/exp
/// are off (the local clock is wrong).
bool IsClockSkewAnswer(const std::string& error_description);

}  // namespace cloud_tasks::auth::gcp
