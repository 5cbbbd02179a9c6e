#pragma once
/// The input of the SigV4 signer: a small, transport-neutral description of one HTTP request.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloud_tasks::auth::aws {

/// One query parameter, raw (not percent-encoded). Order and repeats are kept as given.
struct QueryParam {
  std::string name;
  std::string value;
};

/// One header as it will be sent. Repeated names are allowed (their values are joined by ',').
struct Header {
  std::string name;
  std::string value;
};

/// A non-owning header, what the canonicalisation stages read.
struct HeaderView {
  std::string_view name;
  std::string_view value;
};

/// "UNSIGNED-PAYLOAD": the payload hash to use when the body is not signed (S3 over TLS,
/// presigned S3 URLs).
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

struct SigningRequest {
  std::string method = "GET";
  std::string scheme = "https";
  std::string host;        ///< "sqs.us-east-1.amazonaws.com", or "[::1]" for IPv6
  std::uint16_t port = 0;  ///< 0: the scheme's default (443 / 80); a default port is not signed
  std::string path = "/";  ///< as sent on the wire (already percent-encoded for S3 keys)
  std::vector<QueryParam> query;
  std::vector<Header> headers;  ///< Host is derived from host/port when absent
  std::string body;
  /// Hex SHA-256 of the body when already known, or kUnsignedPayload; empty: hash `body`.
  /// An X-Amz-Content-SHA256 header in `headers` takes precedence (as in botocore).
  std::optional<std::string> payload_hash;
};

/// The Host header value: the host lower-cased, plus ":port" unless the port is the scheme's
/// default.
std::string HostHeaderValue(const SigningRequest& request);
void AppendHostHeaderValue(const SigningRequest& request, std::string& out);

}  // namespace cloud_tasks::auth::aws
