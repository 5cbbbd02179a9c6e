#pragma once
/// Which provider answers mean "slow down" or "try again": the one list the retry
/// decorator and ApiError's ErrorCode mapping share.

#include <string_view>

#include "http/api_error.h"

namespace cloud_tasks::http {

/// AWS throttling error codes, botocore's list (retries/standard.py
/// _THROTTLED_ERROR_CODES and data/_retry.json): Throttling, ThrottlingException,
/// ThrottledException, RequestThrottledException, TooManyRequestsException,
/// ProvisionedThroughputExceededException, TransactionInProgressException,
/// RequestLimitExceeded, BandwidthLimitExceeded, LimitExceededException, RequestThrottled,
/// SlowDown, PriorRequestNotComplete, EC2ThrottledException. A query-compatible SQS code
/// ("AWS.SimpleQueueService.RequestThrottled") is judged by its last component.
bool IsAwsThrottlingCode(std::string_view code);

/// AWS codes botocore retries as transient whatever the HTTP status: RequestTimeout,
/// RequestTimeoutException, PriorRequestNotComplete.
bool IsAwsTransientCode(std::string_view code);

/// Google reasons that mean a rate (not a daily quota) was exceeded: rateLimitExceeded,
/// userRateLimitExceeded (JSON API errors[].reason) and RATE_LIMIT_EXCEEDED (ErrorInfo).
bool IsGoogleRateLimitReason(std::string_view reason);

/// An API answer that a later identical call may get through: a throttling or transient
/// code, a rate-limit reason, HTTP 429, or 500/502/503/504 (and 509, bandwidth).
bool IsRetryableApiError(const ApiError& error);

}  // namespace cloud_tasks::http
