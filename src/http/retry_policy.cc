#include "http/retry_policy.h"

#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/strings.h"
#include "http/api_error.h"
#include "http/throttling.h"
#include "http/transport_error.h"

namespace cloud_tasks::http {
namespace {

using std::chrono::milliseconds;

// A throttling answer means the server declined to act, so resending is safe for any
// request; 5xx and transient codes may come after the server acted.
bool IsThrottlingAnswer(const ApiError& e) {
  return e.http_status == 429 || IsAwsThrottlingCode(e.provider_code) || IsGoogleRateLimitReason(e.reason);
}

RetryVerdict ClassifyError(const HttpRequest& request, const Status& error) {
  RetryVerdict v;
  if (error.code() != ErrorCode::kUnavailable) return v;
  bool not_sent = RequestNotSent(error);
  v.retry = not_sent || request.IsIdempotent();
  // The transport's message names the host and curl's text, never headers or bodies.
  v.reason = "connection error: " + error.message();
  return v;
}

RetryVerdict ClassifyResponse(const HttpRequest& request, const HttpResponse& response,
                              std::chrono::system_clock::time_point now) {
  RetryVerdict v;
  if (response.status < 400) return v;
  ApiError e = ParseApiError(response);
  if (!IsRetryableApiError(e)) return v;
  v.retry = IsThrottlingAnswer(e) || request.IsIdempotent();
  v.reason = fmt::format("HTTP {}", response.status);
  if (!e.provider_code.empty()) v.reason += " " + e.provider_code;
  if (!e.reason.empty() && e.reason != e.provider_code) v.reason += " (" + e.reason + ")";
  if (auto header = response.Header("retry-after")) v.retry_after = ParseRetryAfter(*header, now);
  return v;
}

std::optional<std::chrono::system_clock::time_point> ParseHttpDate(const std::string& text) {
  for (const char* format :
       {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
    struct tm tm = {};
    const char* end = strptime(text.c_str(), format, &tm);
    if (end != nullptr && *end == '\0') return std::chrono::system_clock::from_time_t(timegm(&tm));
  }
  return std::nullopt;
}

}  // namespace

RetryVerdict ClassifyAttempt(const HttpRequest& request, const Result<HttpResponse>& outcome,
                             std::chrono::system_clock::time_point now) {
  if (!outcome.ok()) return ClassifyError(request, outcome.status());
  return ClassifyResponse(request, *outcome, now);
}

std::optional<milliseconds> ParseRetryAfter(std::string_view value,
                                            std::chrono::system_clock::time_point now) {
  std::string_view v = Trim(value);
  if (v.empty()) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (v.size() > 9) return milliseconds(999'999'999'000LL);  // absurd; the caller caps it
    return milliseconds(std::stoll(std::string(v)) * 1000);
  }
  auto when = ParseHttpDate(std::string(v));
  if (!when) return std::nullopt;
  auto delta = std::chrono::duration_cast<milliseconds>(*when - now);
  return std::max(delta, milliseconds(0));
}

milliseconds FullJitterDelay(int attempt, milliseconds base, milliseconds cap, double unit_random) {
  double ceiling = static_cast<double>(base.count()) * std::ldexp(1.0, std::clamp(attempt, 1, 62) - 1);
  ceiling = std::min(ceiling, static_cast<double>(cap.count()));
  double r = std::clamp(unit_random, 0.0, 1.0);
  return milliseconds(static_cast<int64_t>(r * ceiling));
}

}  // namespace cloud_tasks::http
