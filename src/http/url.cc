#include "http/url.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace cloud_tasks::http {

std::string Url::Origin() const {
  return port == 0 ? fmt::format("{}://{}", scheme, host) : fmt::format("{}://{}:{}", scheme, host, port);
}

Result<Url> ParseUrl(const std::string& url, const std::string& what) {
  auto bad = [&](const std::string& why) {
    return InvalidArgumentError(fmt::format("{} '{}' {} (expected http[s]://host[:port][/path])", what, url, why));
  };
  Url u;
  size_t sep = url.find("://");
  if (sep == std::string::npos) return bad("has no scheme");
  u.scheme = ToLower(url.substr(0, sep));
  if (u.scheme != "http" && u.scheme != "https") return bad("is not http or https");
  std::string rest = url.substr(sep + 3);
  if (rest.find('#') != std::string::npos) return bad("has a fragment");
  size_t end = rest.find_first_of("/?");
  std::string authority = rest.substr(0, end);
  std::string tail = end == std::string::npos ? "" : rest.substr(end);
  if (authority.find('@') != std::string::npos) return bad("has user info; credentials never go in URLs");
  size_t colon = authority.rfind(':');
  size_t bracket = authority.rfind(']');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    std::string port = authority.substr(colon + 1);
    authority.resize(colon);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port) < 1 || std::stoi(port) > 65535)
      return bad("has an invalid port");
    u.port = static_cast<std::uint16_t>(std::stoi(port));
  }
  if (authority.empty()) return bad("has no host");
  u.host = ToLower(authority);
  size_t q = tail.find('?');
  if (q != std::string::npos) {
    u.query = tail.substr(q + 1);
    tail.resize(q);
  }
  if (!tail.empty()) u.path = std::move(tail);  // else the default "/"
  return u;
}

}  // namespace cloud_tasks::http
