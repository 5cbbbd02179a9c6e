#pragma once
/// Base64url (RFC 4648 section 5) without padding, as JSON Web Tokens use it.

#include <optional>
#include <string>
#include <string_view>

namespace cloud_tasks::auth::gcp {

/// Encodes bytes with the URL-safe alphabet ('-', '_') and no '=' padding.
std::string Base64UrlEncode(std::string_view bytes);

/// Decodes unpadded (or padded) base64url; nullopt on a character outside the alphabet or
/// an impossible length.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace cloud_tasks::auth::gcp
