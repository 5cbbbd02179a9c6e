#pragma once
/// The HTTP vocabulary every cloud backend speaks: one request, one response, and the
/// HttpTransport role. The real transport is libcurl (curl_transport.h); retry, pacing and
/// logging are decorators around any transport (retry_transport.h, rate_limited_transport.h),
/// so backends and credential providers take an HttpTransport& and never know which.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;     ///< absolute: scheme://host[:port]/path?query
  HeaderList headers;  ///< sent as given, in order
  std::string body;
  /// May the retry decorator send this request again after a failure that could have
  /// happened after the server acted on it? Defaults to the method's HTTP semantics
  /// (GET, HEAD, PUT, DELETE, OPTIONS); a caller marks a POST safe when the API makes it
  /// so (a client token, a read-only query action, a token exchange).
  std::optional<bool> idempotent;
  /// Name of the rate-limiter bucket this call draws from ("ec2.describe", "ec2.run"...);
  /// empty: not paced.
  std::string rate_bucket;
  /// Tokens this call draws from rate_bucket: 1 per request, or per resource where the
  /// API counts resources (EC2 RunInstances: the number of instances launched).
  int rate_cost = 1;
  /// Whole exchange, connection included. Zero: the transport's default.
  std::chrono::milliseconds timeout{0};

  bool IsIdempotent() const;
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;  ///< names lower-cased, in arrival order
  std::string body;

  /// First header with this name (case-insensitive), if any.
  std::optional<std::string_view> Header(std::string_view name) const;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  /// Sends one request and returns the server's answer, whatever its status: a 4xx or 5xx
  /// is a response, not an error. An error means no answer was read: the connection was
  /// refused or cut, the timeout passed, TLS verification failed, or the URL is invalid
  /// (kUnavailable for what a retry may cure, kInvalidArgument/kPermissionDenied for what
  /// it cannot). Error messages never contain header values or bodies (they may hold
  /// secrets).
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace cloud_tasks::http
