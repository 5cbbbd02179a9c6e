#include "auth/gcp/access_token.h"

namespace cloud_tasks::auth::gcp {

std::string TokenSummary(const AccessToken& token) {
  return token.type + " token expiring " + FormatIsoUtc(token.expiry);
}

WallClock SystemWallClock() {
  return [] { return NowUtc(); };
}

}  // namespace cloud_tasks::auth::gcp
