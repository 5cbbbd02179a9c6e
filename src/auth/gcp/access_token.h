#pragma once
/// An OAuth 2.0 access token and when it expires. The value is a secret: there is no
/// operator<< or ToString on purpose; print TokenSummary() instead.

#include <functional>
#include <string>

#include "core/time_util.h"

namespace cloud_tasks::auth::gcp {

struct AccessToken {
  std::string value;            ///< secret: only ever sent in an Authorization header
  std::string type = "Bearer";  ///< token_type as the server sent it
  SystemTime expiry{};

  /// "Authorization" header value: "Bearer <value>".
  std::string AuthorizationHeader() const { return "Bearer " + value; }
};

/// "Bearer token expiring <ISO time>": printable, without the token.
std::string TokenSummary(const AccessToken& token);

/// The current UTC time, injected so expiry and refresh can run under a fake clock.
using WallClock = std::function<SystemTime()>;

/// The real clock (core NowUtc).
WallClock SystemWallClock();

}  // namespace cloud_tasks::auth::gcp
