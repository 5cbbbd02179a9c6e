#include "auth/gcp/authorized_user_credentials.h"

#include <gtest/gtest.h>

#include "auth/gcp/credentials_file.h"
#include "auth/gcp/form_encoding.h"
#include "unit/auth_gcp/scripted_transport.h"
#include "unit/auth_gcp/test_keys.h"

namespace cloud_tasks::auth::gcp {
namespace {

using testing::Answer;
using testing::ScriptedTransport;

const SystemTime kNow = SystemTime(std::chrono::seconds(1'764'300'000));

std::unique_ptr<AuthorizedUserCredentials> Make(ScriptedTransport& transport) {
  Result<CredentialsFile> f = ParseCredentialsFile(testing::AuthorizedUserJson().dump(), "/h/adc.json");
  AuthorizedUserOptions o;
  o.user = std::get<AuthorizedUser>(*f);
  o.token_uri = "http://127.0.0.1:9/token";
  o.transport = &transport;
  o.clock = [] { return kNow; };
  return std::move(AuthorizedUserCredentials::Create(std::move(o))).value();
}

TEST(AuthorizedUserCredentials, PostsARefreshTokenGrant) {
  ScriptedTransport transport;
  transport.Push(Answer(200, R"({"access_token":"ya29.user","expires_in":3599,"scope":"openid",)"
                             R"("token_type":"Bearer","id_token":"eyJ..."})"));
  auto creds = Make(transport);
  Result<AccessToken> t = creds->GetToken();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->value, "ya29.user");
  EXPECT_EQ(t->expiry, kNow + std::chrono::seconds(3599));
  const http::HttpRequest req = transport.requests().at(0);
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "http://127.0.0.1:9/token");
  EXPECT_EQ(req.idempotent, std::optional<bool>(true));
  EXPECT_EQ(
      FormUrlDecode(req.body),
      (FormFields{{"grant_type", "refresh_token"},
                  {"client_id", "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com"},
                  {"client_secret", testing::kClientSecret},
                  {"refresh_token", testing::kRefreshToken}}));
  EXPECT_EQ(creds->Source(), "user credentials file /h/adc.json");
  EXPECT_EQ(creds->AccountEmail(), "");
}

TEST(AuthorizedUserCredentials, RevokedRefreshTokenSaysLogInAgain) {
  ScriptedTransport transport;
  transport.Push(
      Answer(400, R"({"error":"invalid_grant","error_description":"Token has been expired or revoked."})"));
  Result<AccessToken> t = Make(transport)->GetToken();
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(t.status().message(),
            "invalid_grant: Token has been expired or revoked. (HTTP 400) from http://127.0.0.1:9/token; "
            "credentials "
            "from user credentials file /h/adc.json. The refresh token in /h/adc.json was revoked or has "
            "expired: run "
            "`gcloud auth application-default login` again.");
}

TEST(AuthorizedUserCredentials, NoAnswerIsUnavailable) {
  ScriptedTransport transport;
  Result<AccessToken> t = Make(transport)->GetToken();
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
