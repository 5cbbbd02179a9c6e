// The IMDSv2 flow over real HTTP: CurlTransport against a loopback server playing the
// instance metadata service.

#include <gtest/gtest.h>

#include "auth/aws/default_credential_chain.h"
#include "auth/aws/instance_metadata_provider.h"
#include "chain_test_support.h"
#include "http/curl_transport.h"
#include "support/loopback_http_server.h"

namespace cloud_tasks::auth::aws {
namespace {

using cloud_tasks::testing::LoopbackAnswer;
using cloud_tasks::testing::LoopbackHttpServer;
using cloud_tasks::testing::LoopbackRequest;

std::unique_ptr<http::CurlTransport> Transport() {
  http::CurlTransport::Options o;
  o.proxy = "";  // hermetic
  auto t = http::CurlTransport::Create(o);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(t).value();
}

// Answers like IMDS: a token for PUT with the TTL header, the role list and the role's
// credentials only with that token.
LoopbackAnswer FakeImds(const LoopbackRequest& req, bool token_required) {
  LoopbackAnswer a;
  const std::string kRoot = "/latest/meta-data/iam/security-credentials/";
  if (req.method == "PUT" && req.target == "/latest/api/token") {
    if (req.Header("x-aws-ec2-metadata-token-ttl-seconds") != "21600") a.status = 400;
    a.body = "LOOPBACKTOKEN";
    return a;
  }
  if (token_required && req.Header("x-aws-ec2-metadata-token") != "LOOPBACKTOKEN") {
    a.status = 401;
    return a;
  }
  if (req.method == "GET" && req.target == kRoot) {
    a.body = "loop-role";
  } else if (req.method == "GET" && req.target == kRoot + "loop-role") {
    a.body = std::string(R"({"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "ASIALOOP", "SecretAccessKey": ")") +
             testing::kSecret + R"(", "Token": ")" + testing::kToken + R"(", "Expiration": "2026-11-28T16:00:00Z"})";
  } else {
    a.status = 404;
  }
  return a;
}

TEST(ImdsLoopback, TokenRoleAndCredentialsOverHttp) {
  LoopbackHttpServer server([](const LoopbackRequest& r) { return FakeImds(r, true); });
  auto transport = Transport();
  InstanceMetadataProvider p(transport.get(), MapEnvironment({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()}}));
  auto r = p.Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->credentials.access_key_id, "ASIALOOP");
  EXPECT_EQ(r->credentials.session_token, testing::kToken);
  EXPECT_EQ(r->source, "instance role loop-role via IMDSv2");
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[1].target, "/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(seen[2].target, "/latest/meta-data/iam/security-credentials/loop-role");
  EXPECT_EQ(seen[2].Header("x-aws-ec2-metadata-token"), "LOOPBACKTOKEN");
}

TEST(ImdsLoopback, TokenRefusedFallsBackToV1) {
  LoopbackHttpServer server([](const LoopbackRequest& r) {
    if (r.method == "PUT") {
      LoopbackAnswer a;
      a.status = 403;
      return a;
    }
    return FakeImds(r, false);
  });
  auto transport = Transport();
  auto r = InstanceMetadataProvider(transport.get(),
                                    MapEnvironment({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()}}))
               .Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, "instance role loop-role via IMDSv1");
  EXPECT_FALSE(server.requests()[1].Header("x-aws-ec2-metadata-token").has_value());
}

TEST(ImdsLoopback, SlowServerTimesOutAndTheChainSaysSo) {
  LoopbackHttpServer server([](const LoopbackRequest&) {
    LoopbackAnswer a;
    a.delay = std::chrono::milliseconds(3000);
    return a;
  });
  auto transport = Transport();
  DefaultChainOptions o;
  o.env = MapEnvironment({{"HOME", "/nonexistent"},
                          {"AWS_CONFIG_FILE", "/nonexistent/config"},
                          {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"},
                          {"AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()}});
  o.imds_transport = transport.get();
  auto start = std::chrono::steady_clock::now();
  auto r = MakeDefaultCredentialChain(std::move(o))->Load();
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("no instance metadata service at " + server.url()), std::string::npos)
      << r.status().message();
  EXPECT_LT(took, std::chrono::milliseconds(2500));  // one 1 s timeout, not the server's 3 s
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(ImdsLoopback, NothingListeningIsNotFound) {
  int port;
  {
    LoopbackHttpServer gone;
    port = gone.port();
  }
  auto transport = Transport();
  auto r = InstanceMetadataProvider(transport.get(), MapEnvironment({{"AWS_EC2_METADATA_SERVICE_ENDPOINT",
                                                                      "http://127.0.0.1:" + std::to_string(port)}}))
               .Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
