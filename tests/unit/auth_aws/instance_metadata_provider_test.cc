#include "auth/aws/instance_metadata_provider.h"

#include <gtest/gtest.h>

#include "chain_test_support.h"

namespace cloud_tasks::auth::aws {
namespace {

using testing::HasSecret;
using testing::kSecret;
using testing::kToken;
using testing::ScriptedTransport;

std::string RoleJson() {
  return std::string(R"({"Code": "Success", "AccessKeyId": "ASIAROLE", "SecretAccessKey": ")") + kSecret +
         R"(", "Token": ")" + kToken + R"(", "Expiration": "2026-11-28T16:00:00Z"})";
}

EnvLookup Env(std::map<std::string, std::string> extra = {}) {
  extra.emplace("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9");
  return MapEnvironment(extra);
}

std::optional<std::string> HeaderOf(const http::HttpRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return std::nullopt;
}

TEST(InstanceMetadataProvider, TokenThenRoleThenCredentials) {
  ScriptedTransport t;
  t.Answer(200, "IMDSTOKEN");
  t.Answer(200, "web-role\n");
  t.Answer(200, RoleJson());
  InstanceMetadataProvider p(&t, Env());
  auto r = p.Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->credentials.access_key_id, "ASIAROLE");
  EXPECT_EQ(r->credentials.secret_access_key, kSecret);
  EXPECT_EQ(r->credentials.session_token, kToken);
  EXPECT_EQ(FormatIsoUtc(*r->expiration), "2026-11-28T16:00:00.000000+00:00");
  EXPECT_EQ(r->source, "instance role web-role via IMDSv2");
  EXPECT_FALSE(HasSecret(ToString(*r)));

  auto reqs = t.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].method, "PUT");
  EXPECT_EQ(reqs[0].url, "http://127.0.0.1:9/latest/api/token");
  EXPECT_EQ(HeaderOf(reqs[0], "X-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(reqs[0].timeout, std::chrono::milliseconds(1000));
  EXPECT_EQ(reqs[1].method, "GET");
  EXPECT_EQ(reqs[1].url, "http://127.0.0.1:9/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(HeaderOf(reqs[1], "X-aws-ec2-metadata-token"), "IMDSTOKEN");
  EXPECT_EQ(reqs[2].url, "http://127.0.0.1:9/latest/meta-data/iam/security-credentials/web-role");
  EXPECT_EQ(HeaderOf(reqs[2], "X-aws-ec2-metadata-token"), "IMDSTOKEN");
}

TEST(InstanceMetadataProvider, DefaultEndpointIsTheLinkLocalAddress) {
  ScriptedTransport t;
  t.Fail(UnavailableError("timeout"));
  InstanceMetadataProvider p(&t, MapEnvironment({}));
  auto r = p.Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  ASSERT_EQ(t.requests().size(), 1u);  // no IMDSv1 retry against a dead address
  EXPECT_EQ(t.requests()[0].url, "http://169.254.169.254/latest/api/token");
}

TEST(InstanceMetadataProvider, DisabledByEnvironmentSendsNothing) {
  ScriptedTransport t;
  InstanceMetadataProvider p(&t, Env({{"AWS_EC2_METADATA_DISABLED", "TRUE"}}));
  auto r = p.Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.status().message(), "disabled by AWS_EC2_METADATA_DISABLED");
  EXPECT_TRUE(t.requests().empty());
}

TEST(InstanceMetadataProvider, NoTransportIsNotFound) {
  InstanceMetadataProvider p(nullptr, Env());
  EXPECT_EQ(p.Load().status().code(), ErrorCode::kNotFound);
}

TEST(InstanceMetadataProvider, TokenRefusedFallsBackToImdsV1) {
  ScriptedTransport t;
  t.Answer(403, "Forbidden");
  t.Answer(200, "legacy-role");
  t.Answer(200, RoleJson());
  auto r = InstanceMetadataProvider(&t, Env()).Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, "instance role legacy-role via IMDSv1");
  EXPECT_FALSE(HeaderOf(t.requests()[1], "X-aws-ec2-metadata-token").has_value());
}

TEST(InstanceMetadataProvider, TokenRefusedWithV1DisabledGivesUp) {
  ScriptedTransport t;
  t.Answer(403, "");
  auto r = InstanceMetadataProvider(&t, Env({{"AWS_EC2_METADATA_V1_DISABLED", "true"}})).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("refused a session token (HTTP 403)"), std::string::npos);
  EXPECT_EQ(t.requests().size(), 1u);
}

TEST(InstanceMetadataProvider, TokenBadRequestGivesUp) {
  ScriptedTransport t;
  t.Answer(400, "");
  auto r = InstanceMetadataProvider(&t, Env()).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("HTTP 400"), std::string::npos);
  EXPECT_EQ(t.requests().size(), 1u);
}

TEST(InstanceMetadataProvider, NoRole) {
  ScriptedTransport t;
  t.Answer(200, "TOKEN");
  t.Answer(404, "Not Found");
  auto r = InstanceMetadataProvider(&t, Env()).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("no instance role: HTTP 404"), std::string::npos) << r.status().message();
}

TEST(InstanceMetadataProvider, MalformedCredentialsJson) {
  ScriptedTransport t;
  t.Answer(200, "TOKEN");
  t.Answer(200, "role");
  t.Answer(200, std::string("{\"SecretAccessKey\": \"") + kSecret);
  auto r = InstanceMetadataProvider(&t, Env()).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("malformed JSON"), std::string::npos);
  EXPECT_FALSE(HasSecret(r.status().message()));
}

TEST(InstanceMetadataProvider, ErrorDocumentInsteadOfCredentials) {
  ScriptedTransport t;
  t.Answer(200, "TOKEN");
  t.Answer(200, "role");
  t.Answer(200, R"({"Code": "AssumeRoleUnauthorizedAccess", "Message": "EC2 cannot assume the role"})");
  auto r = InstanceMetadataProvider(&t, Env()).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("lack AccessKeyId (AssumeRoleUnauthorizedAccess)"), std::string::npos)
      << r.status().message();
}

TEST(InstanceMetadataProvider, RetriesWithinTheAttemptsAndHonoursTimeout) {
  ScriptedTransport t;
  t.Answer(200, "TOKEN");
  t.Answer(500, "");
  t.Answer(200, "role");
  t.Answer(200, "");  // empty: retried
  t.Answer(200, RoleJson());
  auto r = InstanceMetadataProvider(&t, Env({{"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2"},
                                             {"AWS_METADATA_SERVICE_TIMEOUT", "3"}}))
               .Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(t.requests().size(), 5u);
  EXPECT_EQ(t.requests()[4].timeout, std::chrono::milliseconds(3000));
}

TEST(InstanceMetadataProvider, BadSettingsAreErrors) {
  ScriptedTransport t;
  EXPECT_EQ(InstanceMetadataProvider(&t, Env({{"AWS_METADATA_SERVICE_TIMEOUT", "soon"}})).Load().status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(InstanceMetadataProvider(&t, MapEnvironment({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "169.254.169.254"}}))
                .Load()
                .status()
                .code(),
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(t.requests().empty());
}

TEST(InstanceMetadataProvider, EndpointWithTrailingSlash) {
  ScriptedTransport t;
  t.Fail(UnavailableError("refused"));
  (void)InstanceMetadataProvider(&t, MapEnvironment({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://[fd00:ec2::254]/"}}))
      .Load();
  EXPECT_EQ(t.requests()[0].url, "http://[fd00:ec2::254]/latest/api/token");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
