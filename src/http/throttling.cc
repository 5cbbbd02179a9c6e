#include "http/throttling.h"

#include <algorithm>
#include <array>

namespace cloud_tasks::http {
namespace {

constexpr std::array<std::string_view, 14> kAwsThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

constexpr std::array<std::string_view, 3> kAwsTransientCodes = {"RequestTimeout", "RequestTimeoutException",
                                                                "PriorRequestNotComplete"};

constexpr std::array<std::string_view, 3> kGoogleRateReasons = {"rateLimitExceeded", "userRateLimitExceeded",
                                                                "RATE_LIMIT_EXCEEDED"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

// "AWS.SimpleQueueService.RequestThrottled" -> "RequestThrottled"; other codes unchanged
// (EC2's dotted codes such as "InvalidInstanceID.NotFound" keep their meaning whole).
std::string_view Unqualified(std::string_view code) {
  if (!code.starts_with("AWS.")) return code;
  return code.substr(code.rfind('.') + 1);
}

}  // namespace

bool IsAwsThrottlingCode(std::string_view code) { return Contains(kAwsThrottlingCodes, Unqualified(code)); }

bool IsAwsTransientCode(std::string_view code) { return Contains(kAwsTransientCodes, Unqualified(code)); }

bool IsGoogleRateLimitReason(std::string_view reason) { return Contains(kGoogleRateReasons, reason); }

bool IsRetryableApiError(const ApiError& error) {
  if (IsAwsThrottlingCode(error.provider_code) || IsAwsTransientCode(error.provider_code)) {
    return true;
  }
  if (IsGoogleRateLimitReason(error.reason)) return true;
  switch (error.http_status) {
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
    case 509:
      return true;
    default:
      return false;
  }
}

}  // namespace cloud_tasks::http
