#pragma once
/// RetryTransport: resends what retry_policy.h says may be resent, waiting full-jitter
/// exponential backoff between attempts (or the server's Retry-After, capped), and gives
/// back the last answer or error when the attempts run out. Every retry is logged at
/// `-v` (INFO) with the attempt number, the reason and the wait; never headers or bodies.

#include <chrono>
#include <functional>
#include <memory>

#include "http/http.h"

namespace cloud_tasks::http {

class RetryTransport : public HttpTransport {
 public:
  struct Options {
    /// Attempts in all, the first included (botocore's default is 5 in legacy mode).
    int max_attempts = 5;
    /// Backoff ceiling for the first retry; doubles per retry up to max_delay.
    std::chrono::milliseconds base_delay{200};
    std::chrono::milliseconds max_delay{20'000};
    /// A server's Retry-After longer than this is shortened to it.
    std::chrono::milliseconds max_retry_after{60'000};
    /// Uniform in [0, 1). Default: a per-thread std::mt19937_64 seeded from random_device.
    std::function<double()> random;
    /// Default: std::this_thread::sleep_for.
    std::function<void(std::chrono::milliseconds)> sleep;
    /// Reads HTTP-date Retry-After values. Default: std::chrono::system_clock::now.
    std::function<std::chrono::system_clock::time_point()> now;
  };

  /// `inner` must not be null; max_attempts ≥ 1; delays non-negative.
  static Result<std::unique_ptr<RetryTransport>> Create(std::shared_ptr<HttpTransport> inner,
                                                        Options options);

  Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  RetryTransport(std::shared_ptr<HttpTransport> inner, Options options);

  std::shared_ptr<HttpTransport> inner_;
  Options options_;
};

}  // namespace cloud_tasks::http
