#include "http/retry_transport.h"

#include <random>
#include <thread>
#include <utility>

#include "core/logging.h"
#include "http/retry_policy.h"

namespace cloud_tasks::http {
namespace {

double DefaultRandom() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

// "host[:port]" of an absolute URL, for logs: no user info, path or query.
std::string_view HostOf(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? end : end - start);
  size_t at = authority.rfind('@');
  return at == std::string_view::npos ? authority : authority.substr(at + 1);
}

}  // namespace

Result<std::unique_ptr<RetryTransport>> RetryTransport::Create(std::shared_ptr<HttpTransport> inner,
                                                               Options options) {
  if (inner == nullptr) return InvalidArgumentError("RetryTransport: no inner transport");
  if (options.max_attempts < 1)
    return InvalidArgumentError("RetryTransport: max_attempts must be at least 1");
  if (options.base_delay.count() < 0 || options.max_delay.count() < 0 ||
      options.max_retry_after.count() < 0) {
    return InvalidArgumentError("RetryTransport: delays must not be negative");
  }
  if (!options.random) options.random = DefaultRandom;
  if (!options.sleep) options.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  if (!options.now) options.now = [] { return std::chrono::system_clock::now(); };
  return std::unique_ptr<RetryTransport>(new RetryTransport(std::move(inner), std::move(options)));
}

RetryTransport::RetryTransport(std::shared_ptr<HttpTransport> inner, Options options)
    : inner_(std::move(inner)), options_(std::move(options)) {}

Result<HttpResponse> RetryTransport::Send(const HttpRequest& request) {
  for (int attempt = 1;; ++attempt) {
    Result<HttpResponse> outcome = inner_->Send(request);
    RetryVerdict verdict = ClassifyAttempt(request, outcome, options_.now());
    if (!verdict.retry) return outcome;
    if (attempt >= options_.max_attempts) {
      LogInfo("HTTP {} {}: giving up after attempt {} of {} ({})", request.method, HostOf(request.url),
              attempt, options_.max_attempts, verdict.reason);
      if (outcome.ok() || attempt == 1) return outcome;
      return outcome.status().WithContext(fmt::format("gave up after {} attempts", attempt));
    }
    std::chrono::milliseconds delay =
        FullJitterDelay(attempt, options_.base_delay, options_.max_delay, options_.random());
    const char* source = "backoff";
    if (verdict.retry_after) {
      delay = std::min(*verdict.retry_after, options_.max_retry_after);
      source = "Retry-After";
    }
    LogInfo("HTTP {} {}: attempt {} of {} failed ({}); retrying in {:.3f} s ({})", request.method,
            HostOf(request.url), attempt, options_.max_attempts, verdict.reason,
            static_cast<double>(delay.count()) / 1000.0, source);
    options_.sleep(delay);
  }
}

}  // namespace cloud_tasks::http
