#include "auth/aws/credentials.h"

namespace cloud_tasks::auth::aws {

std::string ToString(const Credentials& credentials) {
  // The access key id is an identifier, not a secret (it is sent in every Authorization header).
  std::string out = "Credentials{access_key_id=";
  out += credentials.access_key_id;
  out += ", secret=";
  out += credentials.secret_access_key.empty() ? "<none>" : "<redacted>";
  out += ", session_token=";
  out += credentials.has_session_token() ? "<redacted>" : "<none>";
  out += "}";
  return out;
}

}  // namespace cloud_tasks::auth::aws
