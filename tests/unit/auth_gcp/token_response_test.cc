#include "auth/gcp/token_response.h"

#include <gtest/gtest.h>

#include "unit/auth_gcp/scripted_transport.h"

namespace cloud_tasks::auth::gcp {
namespace {

using testing::Answer;

const SystemTime kNow = SystemTime(std::chrono::seconds(1'764'300'000));

TEST(TokenResponse, ParsesTokenExpiryAndType) {
  Result<AccessToken> t = ParseTokenResponse(Answer(200, testing::TokenJson("ya29.abc", 3599)), kNow, "E");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->value, "ya29.abc");
  EXPECT_EQ(t->type, "Bearer");
  EXPECT_EQ(t->expiry, kNow + std::chrono::seconds(3599));
  EXPECT_EQ(t->AuthorizationHeader(), "Bearer ya29.abc");
  EXPECT_EQ(TokenSummary(*t), "Bearer token expiring 2025-11-28T04:19:59.000000+00:00");
}

TEST(TokenResponse, AcceptsExpiresInAsStringOrAbsent) {
  Result<AccessToken> s =
      ParseTokenResponse(Answer(200, R"({"access_token":"t","expires_in":"120"})"), kNow, "E");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->expiry, kNow + std::chrono::seconds(120));
  Result<AccessToken> none = ParseTokenResponse(Answer(200, R"({"access_token":"t"})"), kNow, "E");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->expiry, kNow + std::chrono::seconds(3600));
}

TEST(TokenResponse, MalformedAnswersAreErrorsThatDoNotQuoteTheBody) {
  for (const char* body : {"ya29.not-json", R"({"token":"ya29.x"})", R"({"access_token":""})",
                           R"({"access_token":"ya29.x","expires_in":"soon"})"}) {
    Result<AccessToken> t = ParseTokenResponse(Answer(200, body), kNow, "https://e/token");
    ASSERT_FALSE(t.ok()) << body;
    EXPECT_EQ(t.status().code(), ErrorCode::kUnavailable);
    EXPECT_NE(t.status().message().find("https://e/token"), std::string::npos);
    EXPECT_EQ(t.status().message().find("ya29"), std::string::npos) << t.status().message();
  }
}

TokenErrorContext Context() {
  TokenErrorContext c;
  c.source = "service-account key file /k.json (GOOGLE_APPLICATION_CREDENTIALS)";
  c.fix_for_rejected = "Create a new key.";
  return c;
}

TEST(TokenEndpointError, InvalidJwtSignatureKeepsTheOAuthCodeAndGivesTheFix) {
  Status s = TokenEndpointError(
      Answer(400, R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})"),
      "https://oauth2.googleapis.com/token", Context());
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(s.message(),
            "invalid_grant: Invalid JWT Signature. (HTTP 400) from https://oauth2.googleapis.com/token; "
            "credentials "
            "from service-account key file /k.json (GOOGLE_APPLICATION_CREDENTIALS). Create a new key.");
}

TEST(TokenEndpointError, ClockSkewAnswerSaysCheckTheClock) {
  Status s = TokenEndpointError(
      Answer(
          400,
          R"({"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token )"
          R"((60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."})"),
      "E", Context());
  EXPECT_EQ(s.code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(s.message().find("invalid_grant: Invalid JWT: Token must be a short-lived token"),
            std::string::npos);
  EXPECT_NE(s.message().find("Check the system clock"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("Create a new key"), std::string::npos) << s.message();
  EXPECT_TRUE(
      IsClockSkewAnswer("Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable "
                        "timeframe. Check your iat and exp values in the JWT claim."));
  EXPECT_FALSE(IsClockSkewAnswer("Invalid JWT Signature."));
}

TEST(TokenEndpointError, ServerTroubleIsRetryableAndOtherRefusalsKeepTheirCode) {
  Status busy = TokenEndpointError(Answer(503, "<html>busy</html>"), "E", Context());
  EXPECT_EQ(busy.code(), ErrorCode::kUnavailable);
  EXPECT_NE(busy.message().find("(HTTP 503)"), std::string::npos) << busy.message();
  EXPECT_EQ(busy.message().find("<html>"), std::string::npos);
  EXPECT_EQ(TokenEndpointError(Answer(429, "{}"), "E", Context()).code(), ErrorCode::kUnavailable);

  Status client = TokenEndpointError(
      Answer(401, R"({"error":"invalid_client","error_description":"The OAuth client was not found."})"), "E",
      Context());
  EXPECT_EQ(client.code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(client.message().find("invalid_client: The OAuth client was not found. (HTTP 401)"),
            std::string::npos);
  EXPECT_NE(client.message().find("Create a new key."), std::string::npos);

  Status scope = TokenEndpointError(
      Answer(
          400,
          R"({"error":"invalid_scope","error_description":"Invalid OAuth scope or ID token audience provided."})"),
      "E", Context());
  EXPECT_NE(scope.message().find("invalid_scope: Invalid OAuth scope"), std::string::npos);
  EXPECT_EQ(scope.message().find("Create a new key."), std::string::npos);
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
