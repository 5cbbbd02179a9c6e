// STS GetCallerIdentity over real HTTP on loopback: the call on the wire is the call that
// was signed (the fake STS re-derives the signature from what it received), the answer
// is parsed, and a refusal keeps the service's code, message and request id.

#include "auth/aws/caller_identity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "auth/aws/clock_skew.h"
#include "auth/aws/signed_call.h"
#include "auth/aws/sigv4.h"
#include "http/curl_transport.h"
#include "support/loopback_http_server.h"

namespace cloud_tasks::auth::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr char kAnswer[] = R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
    <UserId>AIDAJQABLZS4A3QDU576Q</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>)";

constexpr char kRefusal[] = R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>InvalidClientTokenId</Code>
    <Message>The security token included in the request is invalid.</Message>
  </Error>
  <RequestId>4fc0d3ee-efef-11e9-9282-3b7bffe54a9b</RequestId>
</ErrorResponse>)";

const std::chrono::sys_seconds kNow{std::chrono::seconds(1'795'000'000)};

Credentials Keys(const std::string& token = "") {
  return Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token};
}

std::unique_ptr<http::HttpTransport> Transport() {
  http::CurlTransport::Options o;
  o.proxy = "";  // hermetic: no proxy from the environment
  auto t = http::CurlTransport::Create(o);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(*t);
}

// The signature the fake STS expects for the request it received, signed with `creds`.
std::string ExpectedAuthorization(const testing::LoopbackRequest& r, const std::string& host,
                                  const Credentials& creds) {
  SigningRequest req;
  req.method = r.method;
  req.scheme = "http";
  req.host = host.substr(0, host.find(':'));
  req.port = static_cast<std::uint16_t>(std::stoi(host.substr(host.find(':') + 1)));
  req.path = r.target;
  req.body = r.body;
  for (const char* name : {"content-type", "x-amz-security-token"}) {
    if (auto v = r.Header(name)) req.headers.push_back({name, *v});
  }
  SigningParams p;
  p.service = "sts";
  p.region = "us-east-1";
  p.time = kNow;
  return SignRequest(req, creds, p).authorization;
}

TEST(CallerIdentity, ParsesTheDocumentedAnswer) {
  auto id = ParseCallerIdentity(kAnswer);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->account, "123456789012");
  EXPECT_EQ(id->arn, "arn:aws:iam::123456789012:user/Alice");
  EXPECT_EQ(id->user_id, "AIDAJQABLZS4A3QDU576Q");
  EXPECT_EQ(id->request_id, "01234567-89ab-cdef-0123-456789abcdef");
  EXPECT_EQ(ParseCallerIdentity("<html>proxy login</html>").status().code(), ErrorCode::kInternal);
}

TEST(CallerIdentity, SignedCallOnTheWireMatchesItsSignature) {
  for (const std::string token : {"", "FQoGZXIvYXdzEXAMPLETOKEN"}) {
    SCOPED_TRACE(token.empty() ? "long-term keys" : "session token");
    testing::LoopbackHttpServer sts;
    sts.Script({.status = 200, .headers = {{"Content-Type", "text/xml"}}, .body = kAnswer});
    auto transport = Transport();
    auto id = GetCallerIdentity(*transport, {.endpoint_url = sts.url(), .region = "us-east-1", .now = kNow},
                                Keys(token));
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_EQ(id->account, "123456789012");
    auto seen = sts.requests();
    ASSERT_EQ(seen.size(), 1u);
    const testing::LoopbackRequest& r = seen[0];
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/");
    EXPECT_EQ(r.body, "Action=GetCallerIdentity&Version=2011-06-15");
    EXPECT_EQ(r.Header("content-type"), "application/x-www-form-urlencoded; charset=utf-8");
    EXPECT_EQ(r.Header("x-amz-date"), "20261118T110640Z");
    EXPECT_EQ(r.Header("x-amz-security-token").value_or(""), token);
    std::string auth = r.Header("authorization").value_or("");
    EXPECT_THAT(auth, StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261118/us-east-1/sts/aws4_request, "));
    EXPECT_EQ(auth, ExpectedAuthorization(r, r.Header("host").value_or(""), Keys(token)));
    // A different secret gives a different signature: the check above can fail.
    Credentials wrong = Keys(token);
    wrong.secret_access_key = "not-the-secret";
    EXPECT_NE(auth, ExpectedAuthorization(r, r.Header("host").value_or(""), wrong));
  }
}

TEST(CallerIdentity, RefusalKeepsTheServiceCodeAndNeverTheSecret) {
  testing::LoopbackHttpServer sts;
  sts.Script({.status = 403, .headers = {{"Content-Type", "text/xml"}}, .body = kRefusal});
  auto transport = Transport();
  auto id = GetCallerIdentity(*transport, {.endpoint_url = sts.url(), .region = "us-east-1", .now = kNow},
                              Keys("SESSIONTOKENSECRET"));
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_THAT(id.status().message(), HasSubstr("InvalidClientTokenId: The security token included in the "
                                               "request is invalid."));
  EXPECT_THAT(id.status().message(), HasSubstr("4fc0d3ee-efef-11e9-9282-3b7bffe54a9b"));
  EXPECT_THAT(id.status().message(), Not(HasSubstr("wJalrXUtnFEMI")));
  EXPECT_THAT(id.status().message(), Not(HasSubstr("SESSIONTOKENSECRET")));
}

TEST(CallerIdentity, ClockSkewAnswerSaysToCheckTheClock) {
  testing::LoopbackHttpServer sts;
  sts.Script({.status = 403,
              .headers = {},
              .body = "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>"
                      "Signature expired: 20261118T110640Z is now earlier than 20261128T104000Z "
                      "(20261128T104500Z - 5 min.)</Message></Error><RequestId>r</RequestId></ErrorResponse>"});
  auto transport = Transport();
  auto id = GetCallerIdentity(*transport, {.endpoint_url = sts.url(), .region = "us-east-1", .now = kNow}, Keys());
  ASSERT_FALSE(id.ok());
  EXPECT_THAT(id.status().message(), HasSubstr("SignatureDoesNotMatch: Signature expired"));
  EXPECT_THAT(id.status().message(), HasSubstr("clock is probably wrong"));
}

TEST(ClockSkew, RecognisesTheSkewAnswersOnly) {
  auto e = [](std::string code, std::string msg) {
    http::ApiError a;
    a.provider_code = std::move(code);
    a.message = std::move(msg);
    a.http_status = 403;
    return a;
  };
  EXPECT_TRUE(IsClockSkewError(e("RequestTimeTooSkewed", "The difference ... is too large.")));
  EXPECT_TRUE(IsClockSkewError(e("RequestExpired", "Request has expired.")));
  EXPECT_TRUE(IsClockSkewError(e("InvalidSignatureException", "Signature not yet current: ...")));
  EXPECT_FALSE(IsClockSkewError(e("SignatureDoesNotMatch", "The request signature we calculated does not match")));
  EXPECT_FALSE(IsClockSkewError(e("InvalidClientTokenId", "The security token ... is invalid.")));
  EXPECT_THAT(StatusWithClockHint(e("InvalidClientTokenId", "x")).message(), Not(HasSubstr("clock")));
}

TEST(CallerIdentity, BadEndpointUrlIsNamed) {
  auto transport = Transport();
  auto id = GetCallerIdentity(*transport, {.endpoint_url = "sts.amazonaws.com", .region = "us-east-1", .now = kNow},
                              Keys());
  EXPECT_EQ(id.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(id.status().message(), HasSubstr("sts endpoint URL 'sts.amazonaws.com'"));
}

TEST(SignedCall, QueryAndPathAreEncodedAndSigned) {
  AwsCall call;
  call.endpoint_url = "https://EC2.us-west-2.amazonaws.com:8443/base/";
  call.method = "GET";
  call.path = "/x";
  call.query = {{"Action", "DescribeInstances"}, {"Filter.1.Value.1", "a b/c"}};
  call.service = "ec2";
  call.region = "us-west-2";
  auto req = SignCall(call, Keys(), kNow);
  ASSERT_TRUE(req.ok());
  EXPECT_EQ(req->url, "https://ec2.us-west-2.amazonaws.com:8443/base/x?Action=DescribeInstances&Filter.1.Value.1=a%20b%2Fc");
  auto header = [&](const std::string& name) {
    for (const auto& [n, v] : req->headers)
      if (n == name) return v;
    return std::string();
  };
  EXPECT_EQ(header("Authorization").substr(0, 16), "AWS4-HMAC-SHA256");
  EXPECT_EQ(header("Host"), "ec2.us-west-2.amazonaws.com:8443");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
