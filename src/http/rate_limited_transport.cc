#include "http/rate_limited_transport.h"

#include <utility>

namespace cloud_tasks::http {

Result<std::unique_ptr<RateLimitedTransport>> RateLimitedTransport::Create(
    std::shared_ptr<HttpTransport> inner, std::shared_ptr<RateLimiter> limiter) {
  if (inner == nullptr || limiter == nullptr) {
    return InvalidArgumentError("RateLimitedTransport: needs an inner transport and a limiter");
  }
  return std::unique_ptr<RateLimitedTransport>(
      new RateLimitedTransport(std::move(inner), std::move(limiter)));
}

RateLimitedTransport::RateLimitedTransport(std::shared_ptr<HttpTransport> inner,
                                           std::shared_ptr<RateLimiter> limiter)
    : inner_(std::move(inner)), limiter_(std::move(limiter)) {}

Result<HttpResponse> RateLimitedTransport::Send(const HttpRequest& request) {
  if (!request.rate_bucket.empty()) limiter_->Acquire(request.rate_bucket, request.rate_cost);
  return inner_->Send(request);
}

}  // namespace cloud_tasks::http
