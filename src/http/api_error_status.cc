// ErrorCodeFor and ToStatus: from what the provider said to what callers branch on.
#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/strings.h"
#include "http/api_error.h"
#include "http/throttling.h"

namespace cloud_tasks::http {
namespace {

// Google's canonical codes (google.rpc.Code names, as in error.status).
std::optional<ErrorCode> FromGoogleStatus(std::string_view status) {
  static constexpr std::array<std::pair<std::string_view, ErrorCode>, 15> kTable = {{
      {"INVALID_ARGUMENT", ErrorCode::kInvalidArgument},
      {"OUT_OF_RANGE", ErrorCode::kInvalidArgument},
      {"FAILED_PRECONDITION", ErrorCode::kFailedPrecondition},
      {"NOT_FOUND", ErrorCode::kNotFound},
      {"ALREADY_EXISTS", ErrorCode::kAlreadyExists},
      {"PERMISSION_DENIED", ErrorCode::kPermissionDenied},
      {"UNAUTHENTICATED", ErrorCode::kPermissionDenied},
      {"RESOURCE_EXHAUSTED", ErrorCode::kUnavailable},
      {"ABORTED", ErrorCode::kUnavailable},
      {"UNAVAILABLE", ErrorCode::kUnavailable},
      {"DEADLINE_EXCEEDED", ErrorCode::kUnavailable},
      {"INTERNAL", ErrorCode::kUnavailable},
      {"UNIMPLEMENTED", ErrorCode::kUnimplemented},
      {"CANCELLED", ErrorCode::kCancelled},
      {"UNKNOWN", ErrorCode::kUnavailable},
  }};
  for (auto [name, code] : kTable) {
    if (status == name) return code;
  }
  return std::nullopt;
}

// AWS and OAuth codes that say "your credentials", whatever the HTTP status (OAuth's
// invalid_grant comes with 400, STS's ExpiredToken with 400 or 403).
bool IsCredentialCode(std::string_view code) {
  static constexpr std::array<std::string_view, 16> kCodes = {"AuthFailure",
                                                              "UnauthorizedOperation",
                                                              "AccessDenied",
                                                              "AccessDeniedException",
                                                              "InvalidClientTokenId",
                                                              "SignatureDoesNotMatch",
                                                              "ExpiredToken",
                                                              "ExpiredTokenException",
                                                              "IncompleteSignature",
                                                              "InvalidAccessKeyId",
                                                              "UnrecognizedClientException",
                                                              "MissingAuthenticationToken",
                                                              "invalid_grant",
                                                              "invalid_client",
                                                              "unauthorized_client",
                                                              "OptInRequired"};
  for (std::string_view c : kCodes) {
    if (code == c) return true;
  }
  return false;
}

bool IsNotFoundCode(std::string_view code) {
  return EndsWith(code, "NotFound") || EndsWith(code, "NotFoundException") ||
         code.find("DoesNotExist") != std::string_view::npos ||
         code.find("NonExistent") != std::string_view::npos;
}

bool IsAlreadyExistsCode(std::string_view code) {
  return code.find("AlreadyExists") != std::string_view::npos || EndsWith(code, ".Duplicate") ||
         EndsWith(code, "QueueNameExists");
}

// Out of capacity now (another zone, type or a later try may work): kUnavailable, though
// the retry decorator does not resend these by itself (botocore does not either).
bool IsCapacityCode(std::string_view code) {
  if (code.starts_with("Insufficient") && code.find("Capacity") != std::string_view::npos) {
    return true;  // InsufficientInstanceCapacity, InsufficientHostCapacity, ...
  }
  return code.starts_with("ZONE_RESOURCE_POOL_EXHAUSTED");
}

// A limit or a state the user has to change first.
bool IsPreconditionCode(std::string_view code) {
  static constexpr std::array<std::string_view, 11> kCodes = {"QUOTA_EXCEEDED",
                                                              "quotaExceeded",
                                                              "InstanceLimitExceeded",
                                                              "VcpuLimitExceeded",
                                                              "MaxSpotInstanceCountExceeded",
                                                              "IncorrectInstanceState",
                                                              "IncorrectState",
                                                              "PurgeQueueInProgress",
                                                              "AWS.SimpleQueueService.PurgeQueueInProgress",
                                                              "AWS.SimpleQueueService.QueueDeletedRecently",
                                                              "OverLimit"};
  for (std::string_view c : kCodes) {
    if (code == c) return true;
  }
  return false;
}

}  // namespace

ErrorCode ErrorCodeFor(const ApiError& error) {
  const std::string& code = error.provider_code;
  if (IsRetryableApiError(error)) return ErrorCode::kUnavailable;
  if (IsCredentialCode(code)) return ErrorCode::kPermissionDenied;
  if (IsCapacityCode(code)) return ErrorCode::kUnavailable;
  if (IsPreconditionCode(code) || IsPreconditionCode(error.reason)) {
    return ErrorCode::kFailedPrecondition;
  }
  if (auto google = FromGoogleStatus(code)) return *google;
  if (IsNotFoundCode(code)) return ErrorCode::kNotFound;
  if (IsAlreadyExistsCode(code)) return ErrorCode::kAlreadyExists;
  int s = error.http_status;
  if (s == 401 || s == 403) return ErrorCode::kPermissionDenied;
  if (s == 404) return ErrorCode::kNotFound;
  if (s == 409 || s == 412) return ErrorCode::kFailedPrecondition;
  if (s >= 500) return ErrorCode::kUnavailable;
  if (s >= 400) return ErrorCode::kInvalidArgument;
  return ErrorCode::kInternal;  // a 1xx-3xx handed in as an error: the caller's bug
}

Status ToStatus(const ApiError& error) {
  std::string head = error.provider_code;
  if (!error.reason.empty() && error.reason != error.provider_code) {
    head += head.empty() ? error.reason : " (" + error.reason + ")";
  }
  std::string text = head.empty() ? error.message : head + ": " + error.message;
  if (error.message.empty()) text = head.empty() ? "error" : head;
  std::string tail = fmt::format("HTTP {}", error.http_status);
  if (!error.request_id.empty()) tail += ", request id " + error.request_id;
  return Status(ErrorCodeFor(error), fmt::format("{} ({})", text, tail));
}

Status StatusFromResponse(const HttpResponse& response) { return ToStatus(ParseApiError(response)); }

}  // namespace cloud_tasks::http
