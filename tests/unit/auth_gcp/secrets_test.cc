// Secrets never appear in messages or logs: every failure path (and the success paths, with
// debug logging on) is run with recognisable secrets, a server that echoes request bodies
// back, and every error message and log line is searched for them.

#include <gtest/gtest.h>

#include <sstream>

#include "auth/gcp/credential_check.h"
#include "auth/gcp/form_encoding.h"
#include "auth/gcp/service_account_credentials.h"
#include "core/logging.h"
#include "unit/auth_gcp/chain_fixture.h"

namespace cloud_tasks::auth::gcp {
namespace {

using testing::Answer;
using testing::MetadataAnswer;
using testing::WriteAll;

constexpr const char* kAccessToken = "ya29.SECRET-ACCESS-TOKEN-abcdef";

class Secrets : public testing::ChainTest {
 protected:
  void SetUp() override {
    ChainTest::SetUp();
    previous_level_ = GetLogLevel();
    SetLogLevel(LogLevel::kDebug);
    previous_sink_ = SetLogSink([this](LogLevel, const std::string& line) { texts_.push_back(line); });
  }
  void TearDown() override {
    SetLogSink(previous_sink_);
    SetLogLevel(previous_level_);
    ChainTest::TearDown();
  }

  void Record(const Status& s) { texts_.push_back(s.message()); }
  template <typename T>
  void Record(const Result<T>& r) {
    if (!r.ok()) texts_.push_back(r.status().message());
  }

  // Every secret the scenarios used: PEM body lines, assertions seen on the wire, tokens.
  std::vector<std::string> Secrets_() {
    std::vector<std::string> secrets = {kAccessToken, testing::kClientSecret, testing::kRefreshToken};
    std::stringstream pem(testing::SharedKey().private_pem);
    for (std::string line; std::getline(pem, line);) {
      if (line.find("-----") == std::string::npos && line.size() >= 16) secrets.push_back(line);
    }
    for (const auto& r : transport_.requests()) {
      for (const auto& [name, value] : FormUrlDecode(r.body)) {
        if (name == "assertion") {
          secrets.push_back(value);
          secrets.push_back(value.substr(value.rfind('.') + 1));  // the signature alone
        }
      }
    }
    return secrets;
  }

  std::vector<std::string> texts_;
  LogLevel previous_level_ = LogLevel::kWarning;
  LogSink previous_sink_;
};

// Answers every token request by echoing the request body (a misbehaving server).
Result<http::HttpResponse> Echo(const http::HttpRequest& req, int status) {
  return Answer(status, req.body, {{"content-type", "application/x-www-form-urlencoded"}});
}

TEST_F(Secrets, NoMessageOrLogLineContainsASecret) {
  const std::string key_path = WriteKey("k.json");
  env_["GOOGLE_APPLICATION_CREDENTIALS"] = key_path;

  // Token endpoint: every kind of refusal and malformed answer, then success.
  for (int status : {400, 401, 403, 500, 503, 200}) {
    transport_.SetFallback([status](const http::HttpRequest& r) { return Echo(r, status); });
    Record(CheckGcpCredentials(Options()));
  }
  transport_.SetFallback(nullptr);
  transport_.Push(Answer(400, R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})"));
  Record(CheckGcpCredentials(Options()));
  transport_.Push(
      Answer(400, R"({"error":"invalid_grant","error_description":"Invalid JWT: Token must be a )"
                  R"(short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and )"
                  R"(exp values in the JWT claim."})"));
  Record(CheckGcpCredentials(Options()));
  transport_.Push(
      Answer(200, R"({"access_token":")" + std::string(kAccessToken) + R"(","expires_in":"never"})"));
  Record(CheckGcpCredentials(Options()));
  Record(CheckGcpCredentials(Options()));  // no answer at all
  transport_.Push(Answer(200, testing::TokenJson(kAccessToken)));
  Result<CredentialCheck> ok = CheckGcpCredentials(Options());
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  texts_.push_back(ok->source + ok->account_email + ok->project_id + ok->project_source +
                   FormatIsoUtc(ok->token_expiry));

  // User credentials: refusal, echo, success.
  env_.erase("GOOGLE_APPLICATION_CREDENTIALS");
  WriteAdc(testing::AuthorizedUserJson());
  transport_.Push(
      Answer(400, R"({"error":"invalid_grant","error_description":"Token has been expired or revoked."})"));
  Record(CheckGcpCredentials(Options()));
  transport_.SetFallback([](const http::HttpRequest& r) { return Echo(r, 400); });
  Record(CheckGcpCredentials(Options()));
  transport_.SetFallback(nullptr);
  transport_.Push(Answer(200, testing::TokenJson(kAccessToken)));
  Record(CheckGcpCredentials(Options()));

  // Broken files holding secrets.
  Json no_email = testing::ServiceAccountJson(testing::SharedKey().private_pem, "http://127.0.0.1:2/token");
  no_email.erase("client_email");
  WriteAll(home_.File("no_email.json"), no_email.dump());
  std::string truncated = testing::ServiceAccountJson(testing::SharedKey().private_pem, "").dump();
  WriteAll(home_.File("truncated.json"), truncated.substr(0, truncated.size() / 2));
  Json bad_pem = testing::ServiceAccountJson(testing::SharedKey().private_pem.substr(0, 600), "");
  WriteAll(home_.File("bad_pem.json"), bad_pem.dump());
  Json user_no_refresh = testing::AuthorizedUserJson();
  user_no_refresh.erase("refresh_token");
  WriteAll(home_.File("user_no_refresh.json"), user_no_refresh.dump());
  Json user_bad_type = testing::AuthorizedUserJson();
  user_bad_type["client_secret"] = Json::array({testing::kClientSecret});
  WriteAll(home_.File("user_bad_type.json"), user_bad_type.dump());
  for (const char* file :
       {"no_email.json", "truncated.json", "bad_pem.json", "user_no_refresh.json", "user_bad_type.json"}) {
    DefaultCredentialsOptions o = Options();
    o.credentials_file = home_.File(file);
    Result<CredentialCheck> r = CheckGcpCredentials(o);
    EXPECT_FALSE(r.ok()) << file;
    Record(r);
  }

  // Metadata server: every failure, then success.
  std::filesystem::remove(AdcPath());
  Record(CheckGcpCredentials(Options()));  // nothing anywhere
  transport_.Push(MetadataAnswer(404, ""));
  Record(CheckGcpCredentials(Options()));
  transport_.Push(Answer(200, "not a metadata server"));
  Record(CheckGcpCredentials(Options()));
  transport_.Push(MetadataAnswer(200, "sa@p.iam.gserviceaccount.com"));
  transport_.Push(MetadataAnswer(200, "p"));
  transport_.Push(
      MetadataAnswer(200, R"({"access_token":")" + std::string(kAccessToken) + R"(","expires_in":[]})"));
  Record(CheckGcpCredentials(Options()));
  transport_.Push(MetadataAnswer(200, "sa@p.iam.gserviceaccount.com"));
  transport_.Push(MetadataAnswer(200, "p"));
  transport_.Push(MetadataAnswer(200, testing::TokenJson(kAccessToken)));
  Record(CheckGcpCredentials(Options()));

  std::vector<std::string> secrets = Secrets_();
  ASSERT_GT(secrets.size(), 10u);
  ASSERT_GT(texts_.size(), 25u);
  size_t assertions = 0;
  for (const auto& s : secrets) assertions += s.find('.') != std::string::npos && s.size() > 300;
  EXPECT_GE(assertions, 8u) << "the scenarios should have sent assertions";
  for (const std::string& text : texts_) {
    for (const std::string& secret : secrets) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "secret found in: " << text;
    }
  }
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
