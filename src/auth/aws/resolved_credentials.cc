#include "auth/aws/resolved_credentials.h"

namespace cloud_tasks::auth::aws {

std::string ToString(const ResolvedCredentials& resolved) {
  std::string out = ToString(resolved.credentials);
  out += " from ";
  out += resolved.source;
  if (resolved.expiration.has_value()) {
    out += ", expires ";
    out += FormatIsoUtc(*resolved.expiration);
  }
  return out;
}

}  // namespace cloud_tasks::auth::aws
