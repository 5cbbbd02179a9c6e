#pragma once
/// application/x-www-form-urlencoded bodies, as OAuth 2.0 token requests are sent
/// (RFC 6749 appendix B; the same bytes as Python's urllib.parse.urlencode).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloud_tasks::auth::gcp {

using FormFields = std::vector<std::pair<std::string, std::string>>;

/// `name=value&name=value`, in the given order; unreserved characters (A-Z a-z 0-9 - . _ ~)
/// kept, space as '+', every other byte as %XX (upper-case hex).
std::string FormUrlEncode(const FormFields& fields);

/// The inverse ('+' is a space; a malformed %XX is kept as is). For tests and servers.
FormFields FormUrlDecode(std::string_view body);

}  // namespace cloud_tasks::auth::gcp
