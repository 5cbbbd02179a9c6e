#pragma once
/// What the retry decorator resends and how long it waits: pure functions, so the
/// classification is tested table by table and the decorator stays a loop.
///
/// Resent (up to the attempt limit):
///   - throttling answers, whatever the method (the server refused to act): HTTP 429,
///     AWS throttling codes (throttling.h, botocore's list), Google 403/429 with reason
///     rateLimitExceeded / userRateLimitExceeded / RATE_LIMIT_EXCEEDED;
///   - transient answers, only for idempotent requests (the server may have acted):
///     HTTP 500, 502, 503, 504, 509 and AWS RequestTimeout-style codes;
///   - transport kUnavailable errors: always when RequestNotSent() (refused, DNS: nothing
///     left this machine), else only for idempotent requests.
/// Never resent: other answers (2xx-4xx), kInvalidArgument/kPermissionDenied transport
/// errors (a bad URL or an untrusted certificate stays so).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/http.h"

namespace cloud_tasks::http {

struct RetryVerdict {
  bool retry = false;
  /// Why, for the log: "HTTP 503 RequestLimitExceeded", "connection error: ...". Never
  /// header values or bodies.
  std::string reason;
  /// The server's Retry-After, when it sent one we could read.
  std::optional<std::chrono::milliseconds> retry_after;
};

/// Judges one attempt's outcome for `request`. `now` reads Retry-After HTTP-dates.
RetryVerdict ClassifyAttempt(const HttpRequest& request, const Result<HttpResponse>& outcome,
                             std::chrono::system_clock::time_point now);

/// Retry-After as delta-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT",
/// also the obsolete RFC 850 and asctime forms), relative to `now`; a date in the past is
/// zero. nullopt when unreadable.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value,
                                                         std::chrono::system_clock::time_point now);

/// Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And
/// Jitter"): uniform in [0, min(cap, base * 2^(attempt-1))], `attempt` counting from 1
/// for the wait after the first failure; `unit_random` is in [0, 1).
std::chrono::milliseconds FullJitterDelay(int attempt, std::chrono::milliseconds base,
                                          std::chrono::milliseconds cap, double unit_random);

}  // namespace cloud_tasks::http
