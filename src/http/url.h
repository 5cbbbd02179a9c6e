#pragma once
/// Absolute http(s) URLs split into the parts a signer and a transport need.

#include <cstdint>
#include <string>

#include "core/status.h"

namespace cloud_tasks::http {

struct Url {
  std::string scheme;      ///< "http" or "https", lower case
  std::string host;        ///< lower case; an IPv6 literal keeps its brackets ("[::1]")
  std::uint16_t port = 0;  ///< 0: the scheme's default
  std::string path = "/";  ///< as written, "/" when empty
  std::string query;       ///< after '?', without it; "" when none

  /// scheme://host[:port] (no path).
  std::string Origin() const;
};

/// Parses "http[s]://host[:port][/path][?query]". Errors (InvalidArgument, naming `what`):
/// another scheme, no host, a port that is not 1..65535, user info ("user@host"), a
/// fragment.
Result<Url> ParseUrl(const std::string& url, const std::string& what = "URL");

}  // namespace cloud_tasks::http
