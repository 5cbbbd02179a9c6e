#pragma once
/// SHA-256, HMAC-SHA256 and lower-case hex, the primitives of Signature Version 4 (OpenSSL).

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace cloud_tasks::auth::aws {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest Sha256(std::string_view data);

/// HMAC-SHA256(key, data).
Sha256Digest HmacSha256(std::span<const unsigned char> key, std::string_view data);

/// Appends the lower-case hex form of `bytes` to `out`.
void AppendHex(std::span<const unsigned char> bytes, std::string& out);

std::string HexEncode(std::span<const unsigned char> bytes);

/// Lower-case hex of SHA-256(data): SigV4's "HashedPayload" and "Hash(CanonicalRequest)".
std::string Sha256Hex(std::string_view data);

}  // namespace cloud_tasks::auth::aws
