#pragma once
/// RateLimitedTransport: before each request, takes HttpRequest::rate_cost tokens from the
/// limiter's bucket named HttpRequest::rate_bucket (no name, or a name the limiter does
/// not know: not paced), then sends. Put it inside the retry decorator
/// (Retry(RateLimited(Curl))) so every resent attempt is paced too.

#include <memory>

#include "http/http.h"
#include "http/rate_limiter.h"

namespace cloud_tasks::http {

class RateLimitedTransport : public HttpTransport {
 public:
  /// Neither pointer may be null; the limiter may be shared by several transports.
  static Result<std::unique_ptr<RateLimitedTransport>> Create(std::shared_ptr<HttpTransport> inner,
                                                              std::shared_ptr<RateLimiter> limiter);

  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  RateLimitedTransport(std::shared_ptr<HttpTransport> inner, std::shared_ptr<RateLimiter> limiter);

  std::shared_ptr<HttpTransport> inner_;
  std::shared_ptr<RateLimiter> limiter_;
};

}  // namespace cloud_tasks::http
