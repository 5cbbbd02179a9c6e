#pragma once
/// CurlTransport: the real HttpTransport, on libcurl (Debian's OpenSSL flavour).
///
/// - TLS is always verified (peer certificate and host name); there is no option to turn
///   that off. `ca_file` only replaces the trust store (tests, private CAs).
/// - Connections are reused: easy handles live in a small pool and keep their connection
///   cache between calls (curl_easy_reset keeps live connections), so a backend calling
///   one endpoint again and again talks over one kept-alive connection per thread.
/// - Proxies: unless `Options::proxy` is set, libcurl reads `http_proxy`, `https_proxy`
///   (or `HTTPS_PROXY`), `all_proxy` and `no_proxy` (or `NO_PROXY`) from the environment
///   itself, as the curl tool does (the upper-case `HTTP_PROXY` is ignored on purpose:
///   CGI "httpoxy"). Setting `proxy` to "" turns proxies off (hermetic tests).
/// - Redirects are not followed: cloud APIs answer what they mean, a 3xx is a response.
/// - Send is thread-safe.
/// - Request headers go out as given; curl's own `Expect: 100-continue`, form
///   `Content-Type` and `Accept: */*` are suppressed unless the request sets them.
/// - Known libcurl behaviour: when a kept-alive connection turns out to have been closed
///   by the server before any byte of the answer arrived, libcurl itself resends the
///   request once on a new connection (what browsers do with stale connections). That is
///   below this class and happens for any method.
///
/// Errors (never holding header values or bodies, the query string is left out too since a
/// presigned URL carries its signature there):
///   kInvalidArgument   bad or unsupported URL (only http and https are allowed)
///   kPermissionDenied  TLS verification failed (certificate, host name, CA file)
///   kUnavailable       no answer: DNS, refused, reset, timeout, TLS handshake, cut
/// A kUnavailable error that certainly happened before any request byte was written
/// (refused, DNS) is marked so RequestNotSent() (http/transport_error.h) says true; the
/// retry decorator may then resend even a non-idempotent request.

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "http/http.h"

namespace cloud_tasks::http {

class CurlTransport : public HttpTransport {
 public:
  struct Options {
    /// Time allowed to resolve, connect and finish the TLS handshake.
    std::chrono::milliseconds connect_timeout{10'000};
    /// Whole exchange when the request carries no timeout of its own.
    std::chrono::milliseconds timeout{60'000};
    /// Sent as User-Agent unless the request has one.
    std::string user_agent = "cloud_tasks";
    /// PEM bundle to trust instead of the system store; empty: the system store.
    std::string ca_file;
    /// Unset: proxies from the environment (see above). "": no proxy. Else the proxy URL.
    std::optional<std::string> proxy;
    /// Idle easy handles (each with its own kept-alive connections) kept for reuse.
    std::size_t max_idle_handles = 8;
    /// A response body larger than this is an error (kUnavailable), not an allocation.
    std::size_t max_response_bytes = 256u << 20;
  };

  /// Initialises libcurl once per process (thread-safe) and checks that it was built
  /// with TLS support.
  static Result<std::unique_ptr<CurlTransport>> Create(Options options);

  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  explicit CurlTransport(Options options);
  void* TakeHandle();
  void ReturnHandle(void* handle);

  Options options_;
  std::mutex mu_;
  std::vector<void*> idle_;  // CURL* easy handles, guarded by mu_
};

}  // namespace cloud_tasks::http
