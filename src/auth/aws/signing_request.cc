#include "auth/aws/signing_request.h"

namespace cloud_tasks::auth::aws {

std::string HostHeaderValue(const SigningRequest& request) {
  std::string out;
  AppendHostHeaderValue(request, out);
  return out;
}

void AppendHostHeaderValue(const SigningRequest& request, std::string& out) {
  for (char c : request.host) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  std::uint16_t default_port = request.scheme == "http" ? 80 : request.scheme == "https" ? 443 : 0;
  if (request.port != 0 && request.port != default_port) {
    out += ':';
    out += std::to_string(request.port);
  }
}

}  // namespace cloud_tasks::auth::aws
