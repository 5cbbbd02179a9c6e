#include "http/retry_policy.h"

#include <gtest/gtest.h>

#include "http/transport_error.h"
#include "unit/http/scripted_transport.h"

namespace cloud_tasks::http {
namespace {

using std::chrono::milliseconds;
using testing::MakeResponse;

const auto kNow = std::chrono::system_clock::from_time_t(1445412480);  // 2015-10-21 07:28:00 UTC

HttpRequest Request(const char* method, std::optional<bool> idempotent = std::nullopt) {
  HttpRequest r;
  r.method = method;
  r.url = "https://ec2.us-east-1.amazonaws.com/";
  r.idempotent = idempotent;
  return r;
}

const char* kEc2Throttle =
    "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded."
    "</Message></Error></Errors><RequestID>x</RequestID></Response>";
const char* kGoogleRate =
    R"({"error":{"code":403,"message":"Rate Limit Exceeded","errors":[{"reason":"userRateLimitExceeded"}]}})";
const char* kGoogleForbidden =
    R"({"error":{"code":403,"message":"no","errors":[{"reason":"forbidden"}],"status":"PERMISSION_DENIED"}})";

struct Case {
  const char* name;
  HttpRequest request;
  Result<HttpResponse> outcome;
  bool retry;
};

TEST(RetryPolicyTest, ClassificationTable) {
  const Case cases[] = {
      {"GET 200", Request("GET"), MakeResponse(200), false},
      {"GET 404", Request("GET"), MakeResponse(404), false},
      {"GET 400 validation", Request("GET"),
       MakeResponse(
           400, "<Response><Errors><Error><Code>InvalidParameterValue</Code></Error></Errors></Response>"),
       false},
      {"GET 500", Request("GET"), MakeResponse(500), true},
      {"GET 502", Request("GET"), MakeResponse(502), true},
      {"GET 503", Request("GET"), MakeResponse(503), true},
      {"GET 504", Request("GET"), MakeResponse(504), true},
      {"GET 501", Request("GET"), MakeResponse(501), false},
      {"POST 429", Request("POST"), MakeResponse(429), true},
      {"POST 500", Request("POST"), MakeResponse(500), false},
      {"POST 503", Request("POST"), MakeResponse(503), false},
      {"POST marked safe 500", Request("POST", true), MakeResponse(500), true},
      {"PUT marked unsafe 500", Request("PUT", false), MakeResponse(500), false},
      {"POST EC2 RequestLimitExceeded", Request("POST"), MakeResponse(503, kEc2Throttle), true},
      {"POST SQS json throttled", Request("POST"),
       MakeResponse(400, R"({"__type":"com.amazonaws.sqs#RequestThrottled","message":"slow"})"), true},
      {"POST query Throttling 400", Request("POST"),
       MakeResponse(400,
                    "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate "
                    "exceeded</Message></Error></ErrorResponse>"),
       true},
      {"POST Google 403 userRateLimitExceeded", Request("POST"), MakeResponse(403, kGoogleRate), true},
      {"GET Google 403 forbidden", Request("GET"), MakeResponse(403, kGoogleForbidden), false},
      {"POST Google 429", Request("POST"),
       MakeResponse(429, R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}})"), true},
      {"GET 400 RequestTimeout", Request("GET"),
       MakeResponse(400, "<Error><Code>RequestTimeout</Code></Error>"), true},
      {"POST 400 RequestTimeout", Request("POST"),
       MakeResponse(400, "<Error><Code>RequestTimeout</Code></Error>"), false},
      {"GET cut", Request("GET"), UnavailableError("GET http://h: Empty reply from server"), true},
      {"POST cut", Request("POST"), UnavailableError("POST http://h: Empty reply from server"), false},
      {"POST refused", Request("POST"), NotSentError("POST http://h: Couldn't connect to server"), true},
      {"POST refused with context", Request("POST"),
       NotSentError("POST http://h: Couldn't connect").WithContext("sqs"), true},
      {"GET bad URL", Request("GET"), InvalidArgumentError("GET x: URL using bad/illegal format"), false},
      {"GET TLS", Request("GET"), Status(ErrorCode::kPermissionDenied, "GET https://h: SSL peer certificate"),
       false},
  };
  for (const auto& c : cases) {
    RetryVerdict v = ClassifyAttempt(c.request, c.outcome, kNow);
    EXPECT_EQ(v.retry, c.retry) << c.name << " reason=" << v.reason;
  }
}

TEST(RetryPolicyTest, ReasonNamesStatusAndCodeButNoBody) {
  RetryVerdict v = ClassifyAttempt(Request("POST"), MakeResponse(503, kEc2Throttle), kNow);
  EXPECT_EQ(v.reason, "HTTP 503 RequestLimitExceeded");
  v = ClassifyAttempt(Request("POST"), MakeResponse(403, kGoogleRate), kNow);
  EXPECT_EQ(v.reason, "HTTP 403 userRateLimitExceeded");
  v = ClassifyAttempt(Request("GET"), MakeResponse(500, "secret body"), kNow);
  EXPECT_EQ(v.reason, "HTTP 500");
}

TEST(RetryPolicyTest, RetryAfterFromResponse) {
  RetryVerdict v = ClassifyAttempt(Request("GET"), MakeResponse(503, "", {{"retry-after", "7"}}), kNow);
  ASSERT_TRUE(v.retry_after.has_value());
  EXPECT_EQ(*v.retry_after, milliseconds(7000));
}

TEST(RetryPolicyTest, ParseRetryAfterForms) {
  EXPECT_EQ(ParseRetryAfter("120", kNow), milliseconds(120'000));
  EXPECT_EQ(ParseRetryAfter(" 0 ", kNow), milliseconds(0));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", kNow), milliseconds(30'000));
  EXPECT_EQ(ParseRetryAfter("Wednesday, 21-Oct-15 07:29:00 GMT", kNow), milliseconds(60'000));
  EXPECT_EQ(ParseRetryAfter("Wed Oct 21 07:28:05 2015", kNow), milliseconds(5'000));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", kNow), milliseconds(0));  // past
  EXPECT_EQ(ParseRetryAfter("", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-5", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("soon", kNow), std::nullopt);
  EXPECT_GE(*ParseRetryAfter("99999999999999", kNow), milliseconds(999'999'999));
}

TEST(RetryPolicyTest, FullJitterBounds) {
  const milliseconds base(100), cap(2000);
  EXPECT_EQ(FullJitterDelay(1, base, cap, 0.0), milliseconds(0));
  EXPECT_EQ(FullJitterDelay(1, base, cap, 0.5), milliseconds(50));
  EXPECT_EQ(FullJitterDelay(2, base, cap, 0.5), milliseconds(100));
  EXPECT_EQ(FullJitterDelay(3, base, cap, 0.999), milliseconds(399));
  EXPECT_EQ(FullJitterDelay(5, base, cap, 0.999), milliseconds(1598));
  EXPECT_EQ(FullJitterDelay(6, base, cap, 0.999), milliseconds(1998));    // capped
  EXPECT_EQ(FullJitterDelay(500, base, cap, 0.999), milliseconds(1998));  // no overflow
  for (int attempt = 1; attempt < 12; ++attempt) {
    for (double r : {0.0, 0.1, 0.5, 0.9, 0.999999}) {
      auto d = FullJitterDelay(attempt, base, cap, r);
      EXPECT_GE(d, milliseconds(0));
      EXPECT_LE(d, std::min(cap, base * (1 << (attempt - 1))));
    }
  }
}

}  // namespace
}  // namespace cloud_tasks::http
