#include "http/api_error.h"

#include <gtest/gtest.h>

#include "http/throttling.h"

namespace cloud_tasks::http {
namespace {

HttpResponse Answer(int status, std::string body, HeaderList headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

struct ParseCase {
  const char* name;
  HttpResponse response;
  std::string code, message, request_id, reason;
  ErrorCode error_code;
};

void PrintTo(const ParseCase& c, std::ostream* os) { *os << c.name; }

class ParseApiErrorTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseApiErrorTest, ParsesCodeMessageIdAndMapsTheErrorCode) {
  const ParseCase& c = GetParam();
  ApiError e = ParseApiError(c.response);
  EXPECT_EQ(e.provider_code, c.code);
  EXPECT_EQ(e.message, c.message);
  EXPECT_EQ(e.request_id, c.request_id);
  EXPECT_EQ(e.reason, c.reason);
  EXPECT_EQ(e.http_status, c.response.status);
  EXPECT_EQ(ErrorCodeFor(e), c.error_code) << ErrorCodeName(ErrorCodeFor(e));
}

const ParseCase kCases[] = {
    {"Ec2Capacity",
     Answer(500,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
            "<Code>InsufficientInstanceCapacity</Code><Message>We currently do not have sufficient "
            "c5.large capacity in the Availability Zone you requested (us-east-1a).</Message>"
            "</Error></Errors><RequestID>5f7c2a8e-1d2b-4c3d-9e8f-0a1b2c3d4e5f</RequestID></Response>"),
     "InsufficientInstanceCapacity",
     "We currently do not have sufficient c5.large capacity in the Availability Zone you requested "
     "(us-east-1a).",
     "5f7c2a8e-1d2b-4c3d-9e8f-0a1b2c3d4e5f", "", ErrorCode::kUnavailable},
    {"Ec2NotFoundWithEntities",
     Answer(400,
            "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"
            "<Message>The instance ID &apos;i-1234&apos; does not exist &amp; never did</Message>"
            "</Error></Errors><RequestID>abc</RequestID></Response>"),
     "InvalidInstanceID.NotFound", "The instance ID 'i-1234' does not exist & never did", "abc", "",
     ErrorCode::kNotFound},
    {"Ec2RequestLimitExceeded",
     Answer(503,
            "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit "
            "exceeded.</Message></Error></Errors><RequestID>r1</RequestID></Response>"),
     "RequestLimitExceeded", "Request limit exceeded.", "r1", "", ErrorCode::kUnavailable},
    {"Ec2AuthFailure",
     Answer(401,
            "<Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate "
            "the provided access credentials</Message></Error></Errors><RequestID>r2</RequestID>"
            "</Response>"),
     "AuthFailure", "AWS was not able to validate the provided access credentials", "r2", "",
     ErrorCode::kPermissionDenied},
    {"Ec2VcpuLimit",
     Answer(400,
            "<Response><Errors><Error><Code>VcpuLimitExceeded</Code><Message>You have requested more "
            "vCPU capacity than your current vCPU limit of 32 allows</Message></Error></Errors>"
            "<RequestID>r3</RequestID></Response>"),
     "VcpuLimitExceeded", "You have requested more vCPU capacity than your current vCPU limit of 32 allows",
     "r3", "", ErrorCode::kFailedPrecondition},
    {"StsQueryExpiredToken",
     Answer(403,
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n"
            "    <Type>Sender</Type>\n    <Code>ExpiredToken</Code>\n"
            "    <Message>The security token included in the request is expired</Message>\n"
            "  </Error>\n  <RequestId>9a5b0d33-4e1f-4d1c-8f27-3c0a1a2b3c4d</RequestId>\n"
            "</ErrorResponse>\n"),
     "ExpiredToken", "The security token included in the request is expired",
     "9a5b0d33-4e1f-4d1c-8f27-3c0a1a2b3c4d", "", ErrorCode::kPermissionDenied},
    {"SqsQueryNonExistentQueue",
     Answer(400,
            "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">"
            "<Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>"
            "<Message>The specified queue does not exist for this wsdl version.</Message><Detail/>"
            "</Error><RequestId>b0e1c2d3</RequestId></ErrorResponse>"),
     "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist for this wsdl version.",
     "b0e1c2d3", "", ErrorCode::kNotFound},
    {"SqsQueryThrottled",
     Answer(400,
            "<ErrorResponse><Error><Type>Sender</Type><Code>RequestThrottled</Code><Message>Rate "
            "exceeded</Message></Error><RequestId>t1</RequestId></ErrorResponse>"),
     "RequestThrottled", "Rate exceeded", "t1", "", ErrorCode::kUnavailable},
    {"S3BareError",
     Answer(503,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code><Message>Please "
            "reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>h"
            "</HostId></Error>"),
     "SlowDown", "Please reduce your request rate.", "4442587FB7D0A2F9", "", ErrorCode::kUnavailable},
    {"XmlIdFromHeader",
     Answer(
         400,
         "<ErrorResponse><Error><Code>ValidationError</Code><Message>bad</Message></Error></ErrorResponse>",
         {{"x-amzn-requestid", "hdr-id"}}),
     "ValidationError", "bad", "hdr-id", "", ErrorCode::kInvalidArgument},
    {"SqsJsonQueryCompatibleHeaderWins",
     Answer(400,
            "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified queue does "
            "not exist.\"}",
            {{"x-amzn-requestid", "8f4b7c1e-aaaa"},
             {"x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender"},
             {"content-type", "application/x-amz-json-1.0"}}),
     "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.", "8f4b7c1e-aaaa", "",
     ErrorCode::kNotFound},
    {"SqsJsonTypeOnly",
     Answer(400, "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"gone\"}",
            {{"x-amzn-requestid", "id2"}}),
     "QueueDoesNotExist", "gone", "id2", "", ErrorCode::kNotFound},
    {"JsonCapitalMessageAndThrottling",
     Answer(
         400,
         "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"Message\":\"Rate exceeded\"}"),
     "ThrottlingException", "Rate exceeded", "", "", ErrorCode::kUnavailable},
    {"JsonTypeWithColonSuffix",
     Answer(400,
            "{\"__type\":\"ValidationException:http://internal.amazon.com/coral/\",\"message\":\"1 "
            "validation error\"}"),
     "ValidationException", "1 validation error", "", "", ErrorCode::kInvalidArgument},
    {"JsonAccessDenied",
     Answer(400,
            "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\",\"Message\":\"User: "
            "arn:aws:iam::1:user/x is not authorized\"}"),
     "AccessDeniedException", "User: arn:aws:iam::1:user/x is not authorized", "", "",
     ErrorCode::kPermissionDenied},
    {"GoogleRateLimit403",
     Answer(
         403,
         R"({"error":{"code":403,"message":"Rate Limit Exceeded","errors":[{"message":"Rate Limit Exceeded","domain":"usageLimits","reason":"rateLimitExceeded"}],"status":"PERMISSION_DENIED"}})"),
     "PERMISSION_DENIED", "Rate Limit Exceeded", "", "rateLimitExceeded", ErrorCode::kUnavailable},
    {"GooglePermissionDenied",
     Answer(
         403,
         R"({"error":{"code":403,"message":"Required 'compute.instances.list' permission for 'projects/p'","errors":[{"message":"Required 'compute.instances.list' permission for 'projects/p'","domain":"global","reason":"forbidden"}]}})"),
     "forbidden", "Required 'compute.instances.list' permission for 'projects/p'", "", "forbidden",
     ErrorCode::kPermissionDenied},
    {"GoogleQuota403",
     Answer(
         403,
         R"({"error":{"code":403,"message":"Quota 'CPUS' exceeded.  Limit: 24.0 in region us-central1.","errors":[{"message":"Quota 'CPUS' exceeded.  Limit: 24.0 in region us-central1.","domain":"usageLimits","reason":"quotaExceeded"}]}})"),
     "quotaExceeded", "Quota 'CPUS' exceeded.  Limit: 24.0 in region us-central1.", "", "quotaExceeded",
     ErrorCode::kFailedPrecondition},
    {"GoogleNotFoundWithErrorInfo",
     Answer(
         404,
         R"({"error":{"code":404,"message":"Resource not found (resource=sub).","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RESOURCE_NOT_FOUND","domain":"pubsub.googleapis.com"}]}})"),
     "NOT_FOUND", "Resource not found (resource=sub).", "", "RESOURCE_NOT_FOUND", ErrorCode::kNotFound},
    {"GoogleResourceExhausted429",
     Answer(
         429,
         R"({"error":{"code":429,"message":"Quota exceeded for quota metric 'Read requests'","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED"}]}})"),
     "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests'", "", "RATE_LIMIT_EXCEEDED",
     ErrorCode::kUnavailable},
    {"GoogleAlreadyExists",
     Answer(
         409,
         R"({"error":{"code":409,"message":"Resource already exists in the project (resource=q).","status":"ALREADY_EXISTS"}})"),
     "ALREADY_EXISTS", "Resource already exists in the project (resource=q).", "", "",
     ErrorCode::kAlreadyExists},
    {"ComputeOperationQuota",
     Answer(
         400,
         R"({"error":{"errors":[{"code":"QUOTA_EXCEEDED","message":"Quota 'CPUS' exceeded.  Limit: 8.0 in region us-east1."}]}})"),
     "QUOTA_EXCEEDED", "Quota 'CPUS' exceeded.  Limit: 8.0 in region us-east1.", "", "",
     ErrorCode::kFailedPrecondition},
    {"ComputeZoneExhausted",
     Answer(
         400,
         R"({"error":{"errors":[{"code":"ZONE_RESOURCE_POOL_EXHAUSTED","message":"The zone 'projects/p/zones/us-east1-b' does not have enough resources available to fulfill the request."}]}})"),
     "ZONE_RESOURCE_POOL_EXHAUSTED",
     "The zone 'projects/p/zones/us-east1-b' does not have enough resources available to fulfill the "
     "request.",
     "", "", ErrorCode::kUnavailable},
    {"OAuthInvalidGrant",
     Answer(400, R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})"),
     "invalid_grant", "Invalid JWT Signature.", "", "", ErrorCode::kPermissionDenied},
    {"OAuthInvalidScope",
     Answer(
         400,
         R"({"error":"invalid_scope","error_description":"Invalid OAuth scope or ID token audience provided."})"),
     "invalid_scope", "Invalid OAuth scope or ID token audience provided.", "", "",
     ErrorCode::kInvalidArgument},
    {"HtmlFromAProxy", Answer(502, "Bad gateway: upstream connect error", {{"x-amz-request-id", "px"}}), "",
     "Bad Gateway (the 35-byte body is not an error document this client knows)", "px", "",
     ErrorCode::kUnavailable},
    {"EmptyBody404", Answer(404, ""), "",
     "Not Found (the 0-byte body is not an error document this client knows)", "", "", ErrorCode::kNotFound},
    {"BrokenJson", Answer(400, "{\"__type\": "), "",
     "Bad Request (the 11-byte body is not an error document this client knows)", "", "",
     ErrorCode::kInvalidArgument},
    {"BrokenXml", Answer(500, "<html><body>oops</body></html>"), "",
     "Internal Server Error (the 30-byte body is not an error document this client knows)", "", "",
     ErrorCode::kUnavailable},
};

INSTANTIATE_TEST_SUITE_P(Shapes, ParseApiErrorTest, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ApiErrorStatusTest, MessageNamesCodeMessageStatusAndRequestId) {
  ApiError e;
  e.provider_code = "InsufficientInstanceCapacity";
  e.message = "We currently do not have sufficient c5.large capacity.";
  e.http_status = 500;
  e.request_id = "abc";
  Status s = ToStatus(e);
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(s.message(),
            "InsufficientInstanceCapacity: We currently do not have sufficient c5.large capacity. "
            "(HTTP 500, request id abc)");
}

TEST(ApiErrorStatusTest, GoogleReasonShownNextToStatus) {
  Status s = StatusFromResponse(Answer(
      403,
      R"({"error":{"code":403,"message":"Rate Limit Exceeded","status":"PERMISSION_DENIED","errors":[{"reason":"userRateLimitExceeded"}]}})"));
  EXPECT_EQ(s.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(s.message(), "PERMISSION_DENIED (userRateLimitExceeded): Rate Limit Exceeded (HTTP 403)");
}

TEST(ApiErrorStatusTest, NoCodeNoMessage) {
  ApiError e;
  e.http_status = 418;
  EXPECT_EQ(ToStatus(e).message(), "error (HTTP 418)");
  EXPECT_EQ(ToStatus(e).code(), ErrorCode::kInvalidArgument);
}

TEST(ThrottlingTest, AwsCodesFromBotocore) {
  for (const char* code :
       {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException",
        "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
        "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException", "AWS.SimpleQueueService.RequestThrottled"}) {
    EXPECT_TRUE(IsAwsThrottlingCode(code)) << code;
  }
  for (const char* code : {"", "InsufficientInstanceCapacity", "throttling", "InvalidInstanceID.NotFound",
                           "AWS.SimpleQueueService.NonExistentQueue", "Throttling2"}) {
    EXPECT_FALSE(IsAwsThrottlingCode(code)) << code;
  }
  EXPECT_TRUE(IsAwsTransientCode("RequestTimeout"));
  EXPECT_TRUE(IsAwsTransientCode("RequestTimeoutException"));
  EXPECT_FALSE(IsAwsTransientCode("Throttling"));
}

TEST(ThrottlingTest, GoogleReasons) {
  EXPECT_TRUE(IsGoogleRateLimitReason("rateLimitExceeded"));
  EXPECT_TRUE(IsGoogleRateLimitReason("userRateLimitExceeded"));
  EXPECT_TRUE(IsGoogleRateLimitReason("RATE_LIMIT_EXCEEDED"));
  EXPECT_FALSE(IsGoogleRateLimitReason("quotaExceeded"));
  EXPECT_FALSE(IsGoogleRateLimitReason("forbidden"));
}

struct RetryableCase {
  int status;
  const char* code;
  const char* reason;
  bool retryable;
};

TEST(ThrottlingTest, RetryableApiErrors) {
  const RetryableCase cases[] = {
      {500, "", "", true},
      {502, "", "", true},
      {503, "", "", true},
      {504, "", "", true},
      {509, "", "", true},
      {429, "", "", true},
      {501, "", "", false},
      {400, "Throttling", "", true},
      {400, "ValidationError", "", false},
      {403, "PERMISSION_DENIED", "rateLimitExceeded", true},
      {403, "PERMISSION_DENIED", "forbidden", false},
      {403, "quotaExceeded", "quotaExceeded", false},
      {400, "RequestTimeout", "", true},
      {404, "", "", false},
      {401, "", "", false},
  };
  for (const auto& c : cases) {
    ApiError e;
    e.http_status = c.status;
    e.provider_code = c.code;
    e.reason = c.reason;
    EXPECT_EQ(IsRetryableApiError(e), c.retryable) << c.status << " " << c.code << " " << c.reason;
  }
}

}  // namespace
}  // namespace cloud_tasks::http
