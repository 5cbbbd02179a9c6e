#include "auth/gcp/service_account_credentials.h"

#include <gtest/gtest.h>

#include "auth/gcp/base64url.h"
#include "auth/gcp/credentials_file.h"
#include "auth/gcp/form_encoding.h"
#include "unit/auth_gcp/scripted_transport.h"
#include "unit/auth_gcp/test_keys.h"

namespace cloud_tasks::auth::gcp {
namespace {

using testing::Answer;
using testing::ScriptedTransport;

const SystemTime kNow = SystemTime(std::chrono::seconds(1'764'300'000));

ServiceAccountKey Key(const std::string& token_uri = "http://127.0.0.1:9/token") {
  Result<CredentialsFile> f = ParseCredentialsFile(
      testing::ServiceAccountJson(testing::SharedKey().private_pem, token_uri).dump(), "/k.json");
  EXPECT_TRUE(f.ok());
  return std::get<ServiceAccountKey>(*f);
}

std::unique_ptr<ServiceAccountCredentials> Make(ScriptedTransport& transport, ServiceAccountKey key = Key(),
                                                std::vector<std::string> scopes = {}) {
  ServiceAccountOptions o;
  o.key = std::move(key);
  o.source = "service-account key file /k.json (credentials_file in the config)";
  o.named_by = "credentials_file in the config";
  o.scopes = std::move(scopes);
  o.transport = &transport;
  o.clock = [] { return kNow; };
  Result<std::unique_ptr<ServiceAccountCredentials>> c = ServiceAccountCredentials::Create(std::move(o));
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return std::move(c).value();
}

Json Claims(const std::string& assertion) {
  size_t a = assertion.find('.'), b = assertion.rfind('.');
  return Json::parse(*Base64UrlDecode(assertion.substr(a + 1, b - a - 1)));
}

TEST(ServiceAccountCredentials, PostsAJwtBearerGrantToTheKeyFilesTokenUri) {
  ScriptedTransport transport;
  transport.Push(Answer(200, testing::TokenJson("ya29.sa-token", 3599)));
  auto creds = Make(transport);
  Result<AccessToken> token = creds->GetToken();
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(token->value, "ya29.sa-token");
  EXPECT_EQ(token->expiry, kNow + std::chrono::seconds(3599));

  ASSERT_EQ(transport.request_count(), 1u);
  const http::HttpRequest req = transport.requests()[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "http://127.0.0.1:9/token");
  EXPECT_EQ(req.idempotent, std::optional<bool>(true));
  EXPECT_EQ(req.headers, (http::HeaderList{{"Content-Type", "application/x-www-form-urlencoded"}}));
  EXPECT_TRUE(
      req.body.starts_with("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="))
      << req.body;
  FormFields form = FormUrlDecode(req.body);
  ASSERT_EQ(form.size(), 2u);
  Json claims = Claims(form[1].second);
  EXPECT_EQ(claims["iss"], "runner@proj-from-key.iam.gserviceaccount.com");
  EXPECT_EQ(claims["scope"], "https://www.googleapis.com/auth/cloud-platform");
  EXPECT_EQ(claims["aud"], "http://127.0.0.1:9/token");
  EXPECT_EQ(claims["iat"], 1'764'300'000);
  EXPECT_EQ(claims["exp"], 1'764'303'600);
  std::string header = *Base64UrlDecode(form[1].second.substr(0, form[1].second.find('.')));
  EXPECT_EQ(header, R"({"alg":"RS256","typ":"JWT","kid":"0123456789abcdef0123456789abcdef01234567"})");

  EXPECT_EQ(creds->AccountEmail(), "runner@proj-from-key.iam.gserviceaccount.com");
  EXPECT_EQ(creds->Source(), "service-account key file /k.json (credentials_file in the config)");
}

TEST(ServiceAccountCredentials, ScopesAreSpaceSeparated) {
  ScriptedTransport transport;
  transport.Push(Answer(200, testing::TokenJson("t")));
  auto creds = Make(transport, Key(),
                    {"https://www.googleapis.com/auth/pubsub", "https://www.googleapis.com/auth/compute"});
  ASSERT_TRUE(creds->GetToken().ok());
  Json claims = Claims(FormUrlDecode(transport.requests()[0].body)[1].second);
  EXPECT_EQ(claims["scope"],
            "https://www.googleapis.com/auth/pubsub https://www.googleapis.com/auth/compute");
}

TEST(ServiceAccountCredentials, UnreadablePemNamesTheFileAndField) {
  ScriptedTransport transport;
  ServiceAccountKey key = Key();
  key.private_key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
  ServiceAccountOptions o;
  o.key = key;
  o.transport = &transport;
  Result<std::unique_ptr<ServiceAccountCredentials>> c = ServiceAccountCredentials::Create(std::move(o));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(c.status().message(),
            "the \"private_key\" of service-account key file '/k.json' is not a readable PEM private key; "
            "download a "
            "new key (gcloud iam service-accounts keys create) and use that file");
  EXPECT_EQ(transport.request_count(), 0u);
}

TEST(ServiceAccountCredentials, RevokedKeyGivesTheOAuthErrorAndTheFix) {
  ScriptedTransport transport;
  transport.Push(Answer(400, R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})"));
  Result<AccessToken> t = Make(transport)->GetToken();
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      t.status().message(),
      "invalid_grant: Invalid JWT Signature. (HTTP 400) from http://127.0.0.1:9/token; credentials from "
      "service-account key file /k.json (credentials_file in the config). The key (id "
      "0123456789abcdef0123456789abcdef01234567) of runner@proj-from-key.iam.gserviceaccount.com in /k.json "
      "was deleted, disabled or revoked, or the account no longer exists: create a new key (gcloud iam "
      "service-accounts keys create) and point credentials_file in the config at it.");
}

TEST(ServiceAccountCredentials, ClockSkewAnswerSaysCheckTheSystemClock) {
  ScriptedTransport transport;
  transport.Push(Answer(400,
                        R"({"error":"invalid_grant","error_description":"Invalid JWT: Token must be a )"
                        R"(short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and )"
                        R"(exp values in the JWT claim."})"));
  Result<AccessToken> t = Make(transport)->GetToken();
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("Check the system clock"), std::string::npos) << t.status().message();
  EXPECT_NE(
      t.status().message().find("invalid_grant: Invalid JWT: Token must be a short-lived token (60 minutes)"),
      std::string::npos);
}

TEST(ServiceAccountCredentials, NoAnswerNamesTheEndpointAndSource) {
  ScriptedTransport transport;  // nothing scripted: "connection refused"
  Result<AccessToken> t = Make(transport)->GetToken();
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(
      t.status().message().starts_with("cannot reach the token endpoint http://127.0.0.1:9/token "
                                       "(credentials from service-account key file /k.json "
                                       "(credentials_file in the config)): connection refused"))
      << t.status().message();
}

TEST(ServiceAccountCredentials, EveryCallSignsAFreshAssertion) {
  ScriptedTransport transport;
  transport.Push(Answer(200, testing::TokenJson("a")));
  transport.Push(Answer(200, testing::TokenJson("b")));
  SystemTime now = kNow;
  ServiceAccountOptions o;
  o.key = Key();
  o.transport = &transport;
  o.clock = [&now] { return now; };
  auto creds = std::move(ServiceAccountCredentials::Create(std::move(o))).value();
  EXPECT_EQ(creds->Source(), "service-account key file /k.json");
  ASSERT_EQ(creds->GetToken()->value, "a");
  now += std::chrono::minutes(10);
  ASSERT_EQ(creds->GetToken()->value, "b");
  Json second = Claims(FormUrlDecode(transport.requests()[1].body)[1].second);
  EXPECT_EQ(second["iat"], 1'764'300'600);
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
