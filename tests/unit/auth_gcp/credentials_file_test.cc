#include "auth/gcp/credentials_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "unit/auth_gcp/test_keys.h"

namespace cloud_tasks::auth::gcp {
namespace {

using testing::TempDir;
using testing::WriteAll;

Status ParseError(const std::string& text) {
  Result<CredentialsFile> r = ParseCredentialsFile(text, "/keys/k.json");
  EXPECT_FALSE(r.ok());
  return r.status();
}

TEST(CredentialsFile, ReadsAServiceAccountKey) {
  Json j = testing::ServiceAccountJson("PEM", "https://oauth2.example/token");
  j["quota_project_id"] = "qp";
  Result<CredentialsFile> r = ParseCredentialsFile(j.dump(), "/keys/k.json");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& key = std::get<ServiceAccountKey>(*r);
  EXPECT_EQ(key.path, "/keys/k.json");
  EXPECT_EQ(key.client_email, "runner@proj-from-key.iam.gserviceaccount.com");
  EXPECT_EQ(key.private_key, "PEM");
  EXPECT_EQ(key.private_key_id, "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(key.token_uri, "https://oauth2.example/token");
  EXPECT_EQ(key.project_id, "proj-from-key");
  EXPECT_EQ(key.quota_project_id, "qp");
  EXPECT_EQ(key.universe_domain, "googleapis.com");
}

TEST(CredentialsFile, DefaultsTokenUriAndToleratesMissingOptionalFields) {
  Json j = Json::object();
  j["type"] = "service_account";
  j["client_email"] = "a@b.iam.gserviceaccount.com";
  j["private_key"] = "PEM";
  j["some_future_field"] = Json::array({1, 2});
  Result<CredentialsFile> r = ParseCredentialsFile(j.dump(), "k.json");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& key = std::get<ServiceAccountKey>(*r);
  EXPECT_EQ(key.token_uri, "https://oauth2.googleapis.com/token");
  EXPECT_EQ(key.project_id, "");
  EXPECT_EQ(key.private_key_id, "");
  EXPECT_EQ(key.universe_domain, "googleapis.com");
}

TEST(CredentialsFile, ReadsAuthorizedUserCredentials) {
  Result<CredentialsFile> r = ParseCredentialsFile(testing::AuthorizedUserJson().dump(), "/h/adc.json");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& user = std::get<AuthorizedUser>(*r);
  EXPECT_EQ(user.client_secret, testing::kClientSecret);
  EXPECT_EQ(user.refresh_token, testing::kRefreshToken);
  EXPECT_EQ(user.quota_project_id, "quota-proj");
  EXPECT_EQ(user.path, "/h/adc.json");
}

TEST(CredentialsFile, NamesTheFileAndTheMissingField) {
  for (const char* field : {"client_email", "private_key"}) {
    Json j = testing::ServiceAccountJson("PEM", "");
    j.erase(field);
    EXPECT_EQ(ParseError(j.dump()).message(),
              std::string("service-account key file '/keys/k.json' has no \"") + field + "\" field");
    EXPECT_EQ(ParseError(j.dump()).code(), ErrorCode::kInvalidArgument);
  }
  for (const char* field : {"client_id", "client_secret", "refresh_token"}) {
    Json j = testing::AuthorizedUserJson();
    j.erase(field);
    EXPECT_EQ(ParseError(j.dump()).message(),
              std::string("user credentials file '/keys/k.json' has no \"") + field + "\" field");
  }
  Json j = testing::ServiceAccountJson("PEM", "");
  j["private_key"] = 42;
  EXPECT_EQ(ParseError(j.dump()).message(),
            "service-account key file '/keys/k.json': field \"private_key\" is not a string");
  j["private_key"] = "";
  EXPECT_EQ(ParseError(j.dump()).message(),
            "service-account key file '/keys/k.json': field \"private_key\" is empty");
  j["private_key"] = "PEM";
  j["token_uri"] = Json::array();
  EXPECT_EQ(ParseError(j.dump()).message(),
            "service-account key file '/keys/k.json': field \"token_uri\" is not a string");
}

TEST(CredentialsFile, RefusesWhatIsNotACredentialsFile) {
  Status not_json =
      ParseError("{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\nMIIE");
  EXPECT_EQ(not_json.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(not_json.message().find("GCP credentials file '/keys/k.json' is not valid JSON (error at byte"),
            std::string::npos)
      << not_json.message();
  EXPECT_EQ(not_json.message().find("MIIE"), std::string::npos) << "quotes the file: " << not_json.message();
  EXPECT_EQ(ParseError("[1,2]").message(), "GCP credentials file '/keys/k.json' is not a JSON object");
  EXPECT_NE(ParseError("{}").message().find("has no \"type\" field; expected \"service_account\""),
            std::string::npos);
  Status external = ParseError(R"({"type":"external_account","audience":"x"})");
  EXPECT_NE(external.message().find("has type \"external_account\", which cloud_tasks does not support"),
            std::string::npos)
      << external.message();
}

TEST(CredentialsFile, UnreadableFilesNameThePath) {
  TempDir dir;
  Result<CredentialsFile> missing = LoadCredentialsFile(dir.File("nope.json"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            "cannot read GCP credentials file '" + dir.File("nope.json") + "': No such file or directory");
  if (::geteuid() != 0) {  // root reads anything
    WriteAll(dir.File("locked.json"), "{}");
    ::chmod(dir.File("locked.json").c_str(), 0);
    Result<CredentialsFile> locked = LoadCredentialsFile(dir.File("locked.json"));
    ASSERT_FALSE(locked.ok());
    EXPECT_EQ(locked.status().code(), ErrorCode::kIo);
  }
  WriteAll(dir.File("ok.json"), testing::AuthorizedUserJson().dump());
  EXPECT_TRUE(LoadCredentialsFile(dir.File("ok.json")).ok());
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
