// The token exchange, the refresh grant and the metadata-server flow over real HTTP: the
// real CurlTransport against the loopback server (tests/support/loopback_http_server.h).

#include <gtest/gtest.h>

#include <sstream>

#include "auth/gcp/credential_check.h"
#include "auth/gcp/form_encoding.h"
#include "http/curl_transport.h"
#include "support/loopback_http_server.h"
#include "support/run_process.h"
#include "unit/auth_gcp/test_keys.h"

namespace cloud_tasks::auth::gcp {
namespace {

using cloud_tasks::testing::LoopbackAnswer;
using cloud_tasks::testing::LoopbackHttpServer;
using cloud_tasks::testing::LoopbackRequest;

std::unique_ptr<http::CurlTransport> Curl() {
  http::CurlTransport::Options o;
  o.proxy = "";  // hermetic: never a proxy from the environment
  o.timeout = std::chrono::seconds(10);
  auto t = http::CurlTransport::Create(o);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(t).value();
}

LoopbackAnswer Json200(const std::string& body,
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
  LoopbackAnswer a;
  a.status = 200;
  a.body = body;
  a.headers = std::move(headers);
  a.headers.emplace_back("Content-Type", "application/json");
  return a;
}

class Loopback : public ::testing::Test {
 protected:
  DefaultCredentialsOptions Options(const std::map<std::string, std::string>& extra) {
    std::map<std::string, std::string> env = {{"HOME", home_.path()}, {"GCE_METADATA_HOST", dead_host_}};
    for (const auto& [k, v] : extra) env[k] = v;
    DefaultCredentialsOptions o;
    o.env = MapEnvironment(env);
    o.transport = transport_.get();
    o.user_token_uri = server_.url() + "/user-token";
    return o;
  }

  // A loopback port nobody listens on: bind, read the port, close.
  static std::string DeadHost() {
    LoopbackHttpServer probe;
    return "127.0.0.1:" + std::to_string(probe.port());
  }

  testing::TempDir home_;
  LoopbackHttpServer server_;
  std::unique_ptr<http::CurlTransport> transport_ = Curl();
  std::string dead_host_ = DeadHost();
};

TEST_F(Loopback, ServiceAccountKeyExchangeSendsAVerifiableJwt) {
  const auto& key = testing::SharedKey();
  std::string token_uri = server_.url() + "/token";
  testing::WriteAll(home_.File("k.json"), testing::ServiceAccountJson(key.private_pem, token_uri).dump());
  server_.Script(Json200(R"({"access_token":"ya29.loopback","expires_in":3599,"token_type":"Bearer"})"));

  Result<CredentialCheck> check =
      CheckGcpCredentials(Options({{"GOOGLE_APPLICATION_CREDENTIALS", home_.File("k.json")}}));
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->account_email, "runner@proj-from-key.iam.gserviceaccount.com");
  EXPECT_EQ(check->project_id, "proj-from-key");

  std::vector<LoopbackRequest> seen = server_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, "/token");
  EXPECT_EQ(seen[0].Header("content-type"), "application/x-www-form-urlencoded");
  FormFields form = FormUrlDecode(seen[0].body);
  ASSERT_EQ(form.size(), 2u);
  EXPECT_EQ(form[0], (std::pair<std::string, std::string>("grant_type",
                                                          "urn:ietf:params:oauth:grant-type:jwt-bearer")));
  ASSERT_EQ(form[1].first, "assertion");

  // What the server received verifies with PyJWT against the key's public half.
  Json cases = Json::array();
  Json c = Json::object();
  c["token"] = form[1].second;
  c["public_key_pem"] = key.public_pem;
  c["audience"] = token_uri;
  cases.push_back(c);
  testing::WriteAll(home_.File("cases.json"), cases.dump());
  cloud_tasks::testing::ProcessResult r = cloud_tasks::testing::RunProcess(
      {testing::kPython, std::string(CT_SOURCE_DIR) + "/tests/support/pyjwt_verify.py",
       home_.File("cases.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json verdict = Json::parse(r.out);
  ASSERT_TRUE(verdict["ok"].get<bool>()) << verdict.dump();
  EXPECT_EQ(verdict["claims"]["iss"], "runner@proj-from-key.iam.gserviceaccount.com");
  EXPECT_EQ(verdict["claims"]["scope"], "https://www.googleapis.com/auth/cloud-platform");
}

TEST_F(Loopback, RevokedKeyAnswerReachesTheUser) {
  std::string token_uri = server_.url() + "/token";
  testing::WriteAll(home_.File("k.json"),
                    testing::ServiceAccountJson(testing::SharedKey().private_pem, token_uri).dump());
  LoopbackAnswer refused;
  refused.status = 400;
  refused.body = R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})";
  refused.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  server_.Script(refused);
  DefaultCredentialsOptions o = Options({});
  o.credentials_file = home_.File("k.json");
  Result<CredentialCheck> check = CheckGcpCredentials(o);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_TRUE(check.status().message().starts_with("invalid_grant: Invalid JWT Signature. (HTTP 400) from " +
                                                   token_uri))
      << check.status().message();
  EXPECT_NE(check.status().message().find("point credentials_file in the config at it"), std::string::npos);
}

TEST_F(Loopback, GcloudUserCredentialsRefresh) {
  testing::WriteAll(home_.path() + "/.config/gcloud/application_default_credentials.json",
                    testing::AuthorizedUserJson().dump());
  server_.Script(Json200(R"({"access_token":"ya29.user","expires_in":"3599","token_type":"Bearer"})"));
  Result<CredentialCheck> check = CheckGcpCredentials(Options({{"GOOGLE_CLOUD_PROJECT", "env-proj"}}));
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->project_id, "env-proj");
  std::vector<LoopbackRequest> seen = server_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target, "/user-token");
  FormFields form = FormUrlDecode(seen[0].body);
  ASSERT_EQ(form.size(), 4u);
  EXPECT_EQ(form[0].second, "refresh_token");
  EXPECT_EQ(form[3], (std::pair<std::string, std::string>("refresh_token", testing::kRefreshToken)));
}

LoopbackAnswer MetadataServer(const LoopbackRequest& req) {
  LoopbackAnswer a;
  a.headers = {{"Metadata-Flavor", "Google"}, {"Content-Type", "application/text"}};
  if (req.Header("metadata-flavor") != "Google") {
    a.status = 403;
    return a;
  }
  const std::string base = "/computeMetadata/v1/";
  if (req.target == base + "instance/service-accounts/default/email") {
    a.body = "123-compute@developer.gserviceaccount.com";
  } else if (req.target == base + "instance/service-accounts/default/token") {
    a.body = R"({"access_token":"ya29.metadata","expires_in":3599,"token_type":"Bearer"})";
    a.headers[1].second = "application/json";
  } else if (req.target == base + "project/project-id") {
    a.body = "vm-project";
  } else {
    a.status = 404;
  }
  return a;
}

TEST(LoopbackMetadata, MetadataServerFlow) {
  LoopbackHttpServer metadata(MetadataServer);
  testing::TempDir home;
  std::unique_ptr<http::CurlTransport> transport = Curl();
  DefaultCredentialsOptions o;
  o.env = MapEnvironment(
      {{"HOME", home.path()}, {"GCE_METADATA_HOST", "127.0.0.1:" + std::to_string(metadata.port())}});
  o.transport = transport.get();
  Result<CredentialCheck> check = CheckGcpCredentials(o);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->source, "metadata server 127.0.0.1:" + std::to_string(metadata.port()) +
                               " (service account of this instance)");
  EXPECT_EQ(check->account_email, "123-compute@developer.gserviceaccount.com");
  EXPECT_EQ(check->project_id, "vm-project");
  EXPECT_EQ(check->project_source, "metadata server");
  std::vector<LoopbackRequest> seen = metadata.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].target, "/computeMetadata/v1/instance/service-accounts/default/email");
  EXPECT_EQ(seen[1].target, "/computeMetadata/v1/project/project-id");
  EXPECT_EQ(seen[2].target, "/computeMetadata/v1/instance/service-accounts/default/token");
  for (const auto& r : seen) EXPECT_EQ(r.Header("metadata-flavor"), "Google");
  EXPECT_EQ(metadata.connections_accepted(), 1) << "the three calls share one kept-alive connection";
}

TEST_F(Loopback, UnreachableMetadataServerMeansNoCredentialsFound) {
  auto start = std::chrono::steady_clock::now();
  Result<CredentialCheck> check = CheckGcpCredentials(Options({}));
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(check.status().message().starts_with("no GCP credentials found; tried: "));
  EXPECT_NE(
      check.status().message().find("metadata server (metadata server " + dead_host_ + " did not answer"),
      std::string::npos)
      << check.status().message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3))
      << "a refused connection is quick";
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
