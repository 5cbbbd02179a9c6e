// `cloud_tasks check_credentials` on the real binary, against loopback servers standing in
// for STS and Google's token endpoint. The environment is pinned so nothing outside the
// test (a real ~/.aws, a metadata server, a proxy) is consulted.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_util.h"
#include "core/json.h"
#include "support/loopback_http_server.h"

namespace cloud_tasks::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::ProcessResult;

constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzSECRET";

constexpr char kIdentity[] = R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn>
  <UserId>AIDAEXAMPLEUSERID</UserId><Account>123456789012</Account></GetCallerIdentityResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>)";

constexpr char kRefusal[] = R"(<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>
  <Message>The security token included in the request is invalid.</Message></Error>
  <RequestId>req-2</RequestId></ErrorResponse>)";

// Everything a credential lookup could read, pointed into `dir` or switched off.
std::vector<std::string> HermeticEnv(const testing::TempDir& dir) {
  return {"HOME=" + dir.path(),
          "AWS_CONFIG_FILE=" + dir.path() + "/aws_config",
          "AWS_SHARED_CREDENTIALS_FILE=" + dir.path() + "/aws_credentials",
          "AWS_EC2_METADATA_DISABLED=true",
          "CLOUDSDK_CONFIG=" + dir.path() + "/gcloud",
          "GCE_METADATA_HOST=127.0.0.1:9",
          "NO_PROXY=127.0.0.1",
          "no_proxy=127.0.0.1"};
}

ProcessResult CliWithEnv(std::vector<std::string> args, std::vector<std::string> env) {
  args.insert(args.begin(), testing::kBinary);
  return testing::RunProcess(args, "", env);
}

TEST(CheckCredentials, AwsProvesTheKeysAndSaysWhereTheyCameFrom) {
  testing::TempDir dir;
  cloud_tasks::testing::LoopbackHttpServer sts;
  sts.Script({.status = 200, .headers = {{"Content-Type", "text/xml"}}, .body = kIdentity});
  auto env = HermeticEnv(dir);
  env.push_back("AWS_ACCESS_KEY_ID=AKIDEXAMPLE");
  env.push_back(std::string("AWS_SECRET_ACCESS_KEY=") + kSecret);
  env.push_back("AWS_REGION=eu-west-1");
  env.push_back("AWS_ENDPOINT_URL_STS=" + sts.url());
  ProcessResult r = CliWithEnv({"check_credentials", "--provider", "aws"}, env);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("account: 123456789012"));
  EXPECT_THAT(r.out, HasSubstr("arn: arn:aws:iam::123456789012:user/alice"));
  EXPECT_THAT(r.out, HasSubstr("region: eu-west-1 (AWS_REGION)"));
  EXPECT_THAT(r.out, HasSubstr("credentials_source: environment"));
  EXPECT_THAT(r.out, HasSubstr("(AWS_ENDPOINT_URL_STS)"));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr(kSecret)));
  auto seen = sts.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_THAT(seen[0].Header("authorization").value_or(""), HasSubstr("/eu-west-1/sts/aws4_request"));

  // --format json, the same facts for scripts.
  sts.Script({.status = 200, .headers = {}, .body = kIdentity});
  ProcessResult j = CliWithEnv({"check_credentials", "--provider", "aws", "--format", "json"}, env);
  ASSERT_EQ(j.exit_code, 0) << j.err;
  EXPECT_THAT(j.out, HasSubstr("\"valid\": true"));
  EXPECT_THAT(j.out, HasSubstr("\"account\": \"123456789012\""));
}

TEST(CheckCredentials, AwsRefusalEndsWithTheServiceErrorAndTheSource) {
  testing::TempDir dir;
  cloud_tasks::testing::LoopbackHttpServer sts;
  sts.Script({.status = 403, .headers = {}, .body = kRefusal});
  sts.Script({.status = 403, .headers = {}, .body = kRefusal});
  std::ofstream(dir.path() + "/cfg.yml") << "provider: aws\naws:\n  access_key: AKIDCONFIG\n  secret_key: "
                                         << kSecret << "\n  region: us-east-2\n  sts_endpoint_url: " << sts.url()
                                         << "\n";
  auto env = HermeticEnv(dir);
  ProcessResult r = CliWithEnv({"check_credentials", "--config", dir.path() + "/cfg.yml"}, env);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("InvalidClientTokenId: The security token included in the request is invalid."));
  EXPECT_THAT(r.err, HasSubstr("request id req-2"));
  EXPECT_THAT(r.err, HasSubstr("The credentials came from: config"));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr(kSecret)));
  ProcessResult j = CliWithEnv({"check_credentials", "--config", dir.path() + "/cfg.yml", "--format", "json"}, env);
  EXPECT_EQ(j.exit_code, 1);
  EXPECT_THAT(j.out, HasSubstr("\"valid\": false"));
  EXPECT_THAT(j.out, HasSubstr("InvalidClientTokenId"));
  EXPECT_THAT(j.out, Not(HasSubstr(kSecret)));
}

TEST(CheckCredentials, AwsWithNoCredentialsAnywhereSaysWhatWasTried) {
  testing::TempDir dir;
  ProcessResult r = CliWithEnv({"check_credentials", "--provider", "aws", "--region", "us-east-1"}, HermeticEnv(dir));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("AWS_ACCESS_KEY_ID"));
}

TEST(CheckCredentials, UnreachableEndpointIsNotBlamedOnTheCredentials) {
  testing::TempDir dir;
  auto env = HermeticEnv(dir);
  env.push_back("AWS_ACCESS_KEY_ID=AKIDEXAMPLE");
  env.push_back(std::string("AWS_SECRET_ACCESS_KEY=") + kSecret);
  env.push_back("AWS_ENDPOINT_URL_STS=http://127.0.0.1:9");  // discard port: nothing listens
  ProcessResult r = CliWithEnv({"check_credentials", "--provider", "aws", "--region", "us-east-1"}, env);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("aws credentials could not be checked"));
  EXPECT_THAT(r.err, HasSubstr("Check the network"));
  EXPECT_THAT(r.err, Not(HasSubstr("do not work")));
}

TEST(CheckCredentials, GcpKeyFileIsExchangedForAToken) {
  testing::TempDir dir;
  cloud_tasks::testing::LoopbackHttpServer google;
  google.Script({.status = 200,
                 .headers = {{"Content-Type", "application/json"}},
                 .body = R"({"access_token":"ya29.SECRETTOKEN","expires_in":3599,"token_type":"Bearer"})"});
  std::string pem = dir.path() + "/key.pem";
  ProcessResult gen = testing::RunProcess({"/usr/bin/openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
                                  "rsa_keygen_bits:2048", "-out", pem});
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  std::ifstream in(pem);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Json file = {{"type", "service_account"},
               {"project_id", "my-project"},
               {"private_key_id", "k1"},
               {"private_key", key},
               {"client_email", "runner@my-project.iam.gserviceaccount.com"},
               {"client_id", "1"},
               {"token_uri", google.url() + "/token"}};
  std::ofstream(dir.path() + "/sa.json") << file.dump();
  ProcessResult r = CliWithEnv({"check_credentials", "--provider", "gcp", "--credentials-file", dir.path() + "/sa.json"},
                        HermeticEnv(dir));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("account: runner@my-project.iam.gserviceaccount.com"));
  EXPECT_THAT(r.out, HasSubstr("project: my-project"));
  EXPECT_THAT(r.out, HasSubstr("token_expires: "));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("SECRETTOKEN")));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr("PRIVATE KEY")));
  ASSERT_EQ(google.requests().size(), 1u);
  EXPECT_THAT(google.requests()[0].body, HasSubstr("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"));
}

TEST(CheckCredentials, LocalNeedsNone) {
  ProcessResult r = testing::Cli({"check_credentials", "--provider", "local"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("none needed"));
}

}  // namespace
}  // namespace cloud_tasks::cli
