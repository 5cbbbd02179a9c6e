#include "http/http.h"

#include <strings.h>

namespace cloud_tasks::http {

bool HttpRequest::IsIdempotent() const {
  if (idempotent.has_value()) return *idempotent;
  for (const char* m : {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}) {
    if (strcasecmp(method.c_str(), m) == 0) return true;
  }
  return false;
}

std::optional<std::string_view> HttpResponse::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return v;
  }
  return std::nullopt;
}

}  // namespace cloud_tasks::http
