#pragma once
/// Credentials as a link of the credential chain hands them out: the keys, where they came
/// from (for `check_credentials` and error messages) and when they expire.

#include <optional>
#include <string>

#include "auth/aws/credentials.h"
#include "core/time_util.h"

namespace cloud_tasks::auth::aws {

struct ResolvedCredentials {
  Credentials credentials;
  /// Human-readable origin, e.g. "environment", "shared credentials file /home/u/.aws/credentials
  /// profile default", "instance role web via IMDSv2". Never holds a secret.
  std::string source;
  /// nullopt: long-term credentials that never need a refresh.
  std::optional<SystemTime> expiration;
};

/// "<Credentials ToString> from <source>[, expires <ISO time>]"; secret and token redacted.
std::string ToString(const ResolvedCredentials& resolved);

}  // namespace cloud_tasks::auth::aws
