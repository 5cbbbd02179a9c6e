#pragma once
/// AWS credentials as the signer needs them. The secret and the session token never appear in
/// any text this module produces: use ToString() (which redacts them) for logs and errors.

#include <string>

namespace cloud_tasks::auth::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  ///< empty: long-term credentials, no X-Amz-Security-Token

  bool has_session_token() const { return !session_token.empty(); }
};

/// "Credentials{access_key_id=AKID..., secret=<redacted>, session_token=<redacted>|<none>}".
std::string ToString(const Credentials& credentials);

}  // namespace cloud_tasks::auth::aws
