#pragma once
/// ApiError: what a cloud API said when it refused a call, kept as the provider said it,
/// so users read `InsufficientInstanceCapacity` or `QUOTA_EXCEEDED`, not "HTTP 400".
///
/// Parsers for the error bodies the backends see (shapes as botocore's parsers.py reads
/// them, and as Google's JSON APIs and OAuth endpoints send them):
///   AWS EC2 query XML   <Response><Errors><Error><Code/><Message/></Error></Errors>
///                       <RequestID/></Response>
///   AWS query XML       <ErrorResponse><Error><Type/><Code/><Message/></Error>
///   (STS, SQS query)    <RequestId/></ErrorResponse>   (also S3's bare <Error>)
///   AWS JSON 1.0/1.1    {"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":..}
///                       code from the `x-amzn-query-error` header ("Code;Sender") when
///                       present, else `__type` after '#'; id from `x-amzn-RequestId`
///   Google JSON         {"error":{"code":403,"message":..,"status":"PERMISSION_DENIED",
///                       "errors":[{"reason":"rateLimitExceeded",..}],"details":[..]}}
///   OAuth token errors  {"error":"invalid_grant","error_description":..}

#include <string>
#include <string_view>

#include "core/status.h"
#include "http/http.h"

namespace cloud_tasks::http {

struct ApiError {
  /// The provider's code: AWS `Code`/`__type`, Google `status` (else the first reason, or
  /// an operation's `errors[].code` like QUOTA_EXCEEDED), OAuth `error`. May be empty.
  std::string provider_code;
  std::string message;
  int http_status = 0;
  std::string request_id;
  /// Google's finer reason (`errors[0].reason` or an ErrorInfo's `reason`), e.g.
  /// "rateLimitExceeded"; what tells a throttling 403 from a real one. AWS: empty.
  std::string reason;
};

/// AWS query/EC2/S3 XML error bodies. The request id also comes from the
/// x-amzn-requestid / x-amz-request-id headers when the body has none.
ApiError ParseAwsXmlError(const HttpResponse& response);

/// AWS JSON protocol error bodies (SQS, and any other awsJson service).
ApiError ParseAwsJsonError(const HttpResponse& response);

/// Google JSON API errors and OAuth token-endpoint errors.
ApiError ParseGoogleError(const HttpResponse& response);

/// Picks the parser from the body's shape (XML, AWS JSON, Google JSON, OAuth). A body of
/// no known shape gives an ApiError with only http_status, request id and a message
/// naming the status (the body itself is never copied into the message).
ApiError ParseApiError(const HttpResponse& response);

/// The ErrorCode a caller should see: throttling codes, 429 and 5xx → kUnavailable;
/// 401/403 and credential codes → kPermissionDenied (a throttling 403 stays
/// kUnavailable); 404 and *NotFound/*DoesNotExist → kNotFound; already-exists codes →
/// kAlreadyExists; Google's canonical status names map one to one; other 4xx →
/// kInvalidArgument.
ErrorCode ErrorCodeFor(const ApiError& error);

/// Status reading "InsufficientInstanceCapacity: We currently do not have ... (HTTP 500,
/// request id abc)"; the code from ErrorCodeFor.
Status ToStatus(const ApiError& error);

/// ToStatus(ParseApiError(response)) for a response whose status is not 2xx.
Status StatusFromResponse(const HttpResponse& response);

}  // namespace cloud_tasks::http
