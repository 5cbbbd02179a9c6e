#include "auth/aws/default_credential_chain.h"

#include <gtest/gtest.h>

#include "auth/aws/credential_chain.h"
#include "chain_test_support.h"

namespace cloud_tasks::auth::aws {
namespace {

using namespace std::chrono_literals;
using testing::FakeClock;
using testing::HasSecret;
using testing::kSecret;
using testing::kToken;
using testing::ScriptedRunner;
using testing::ScriptedTransport;
using testing::TempDir;

// A whole default chain over temporary shared files, a scripted IMDS and process runner.
class DefaultChain : public ::testing::Test {
 protected:
  void SetUp() override {
    env_["HOME"] = dir_.path();
    env_["AWS_CONFIG_FILE"] = dir_.path() + "/config";
    env_["AWS_SHARED_CREDENTIALS_FILE"] = dir_.path() + "/credentials";
    env_["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:9";  // never the real IMDS
  }
  std::unique_ptr<CredentialProvider> Chain(std::optional<std::string> access_key = std::nullopt,
                                            std::optional<std::string> secret_key = std::nullopt) {
    DefaultChainOptions o;
    o.access_key = std::move(access_key);
    o.secret_key = std::move(secret_key);
    o.env = MapEnvironment(env_);
    o.imds_transport = &imds_;
    o.process_runner = runner_;
    o.clock = clock_.AsWallClock();
    return MakeDefaultCredentialChain(std::move(o));
  }
  void Imds(const std::string& access_key, const std::string& expiration) {
    imds_.Answer(200, "TOKEN");
    imds_.Answer(200, "role-a");
    imds_.Answer(200, R"({"AccessKeyId": ")" + access_key + R"(", "SecretAccessKey": ")" + kSecret +
                          R"(", "Token": ")" + kToken + R"(", "Expiration": ")" + expiration + "\"}");
  }

  TempDir dir_;
  std::map<std::string, std::string> env_;
  ScriptedTransport imds_;
  std::shared_ptr<ScriptedRunner> runner_ = std::make_shared<ScriptedRunner>();
  FakeClock clock_{*ParseIsoTime("2026-11-28T10:00:00Z")};
};

TEST_F(DefaultChain, ConfigKeysComeFirst) {
  env_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  env_["AWS_SECRET_ACCESS_KEY"] = "s";
  auto r = Chain("AKIDCFG", std::string(kSecret))->Load();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.access_key_id, "AKIDCFG");
  EXPECT_EQ(r->source, "config file keys");
}

TEST_F(DefaultChain, EnvironmentBeforeFiles) {
  env_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  env_["AWS_SECRET_ACCESS_KEY"] = kSecret;
  dir_.Write("credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
  auto r = Chain()->Load();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->source, "environment");
}

TEST_F(DefaultChain, PartialEnvironmentStopsTheChain) {
  env_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  dir_.Write("credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
  auto r = Chain()->Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("AWS_SECRET_ACCESS_KEY"), std::string::npos);
}

TEST_F(DefaultChain, CredentialsFileThenProcessThenConfigFile) {
  dir_.Write("config",
             "[profile dev]\ncredential_process = get-creds\naws_access_key_id = AKIDCFGFILE\n"
             "aws_secret_access_key = s\n");
  env_["AWS_PROFILE"] = "dev";
  runner_->Answer(0, R"({"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s"})");
  auto r = Chain()->Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, "credential_process in profile dev");

  dir_.Write("credentials", "[dev]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\n");
  r = Chain()->Load();
  EXPECT_EQ(r->source, "shared credentials file " + dir_.path() + "/credentials profile dev");

  dir_.Write("credentials", "");
  dir_.Write("config", "[profile dev]\naws_access_key_id = AKIDCFGFILE\naws_secret_access_key = s\n");
  r = Chain()->Load();
  EXPECT_EQ(r->source, "shared config file " + dir_.path() + "/config profile dev");
}

TEST_F(DefaultChain, ProfileNotFound) {
  env_["AWS_PROFILE"] = "prod";
  dir_.Write("config", "[default]\nregion = r\n");
  auto r = Chain()->Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("AWS profile 'prod' (from AWS_PROFILE) is not defined"), std::string::npos);
  EXPECT_TRUE(imds_.requests().empty());
}

TEST_F(DefaultChain, MalformedConfigStopsTheChainWithFileAndLine) {
  dir_.Write("config", "[default]\nregion = r\nthis line is wrong\n");
  auto r = Chain()->Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(dir_.path() + "/config:3:"), std::string::npos) << r.status().message();
}

TEST_F(DefaultChain, InstanceRoleLastAndRefreshedBeforeExpiry) {
  Imds("ASIAONE", "2026-11-28T16:00:00Z");
  auto chain = Chain();
  auto r = chain->Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, "instance role role-a via IMDSv2");
  EXPECT_EQ(imds_.requests().size(), 3u);

  clock_.Advance(5h);  // 60 min left: cached
  EXPECT_EQ(chain->Load()->credentials.access_key_id, "ASIAONE");
  EXPECT_EQ(imds_.requests().size(), 3u);

  Imds("ASIATWO", "2026-11-28T22:00:00Z");
  clock_.Advance(50min);  // 10 min left → refresh through IMDS only
  auto refreshed = chain->Load();
  ASSERT_TRUE(refreshed.ok()) << refreshed.status().ToString();
  EXPECT_EQ(refreshed->credentials.access_key_id, "ASIATWO");
  EXPECT_EQ(imds_.requests().size(), 6u);
  EXPECT_EQ(runner_->calls().size(), 0u);
}

TEST_F(DefaultChain, ProcessWithExpirationIsRerun) {
  dir_.Write("config", "[default]\ncredential_process = get-creds\n");
  runner_->Answer(0, R"({"Version": 1, "AccessKeyId": "P1", "SecretAccessKey": "s", "Expiration": "2026-11-28T11:00:00Z"})");
  runner_->Answer(0, R"({"Version": 1, "AccessKeyId": "P2", "SecretAccessKey": "s", "Expiration": "2026-11-28T12:00:00Z"})");
  auto chain = Chain();
  EXPECT_EQ(chain->Load()->credentials.access_key_id, "P1");
  clock_.Advance(50min);
  EXPECT_EQ(chain->Load()->credentials.access_key_id, "P2");
  EXPECT_EQ(runner_->calls().size(), 2u);
}

TEST_F(DefaultChain, ExpiredProcessCredentials) {
  dir_.Write("config", "[default]\ncredential_process = get-creds\n");
  runner_->Answer(0, R"({"Version": 1, "AccessKeyId": "P1", "SecretAccessKey": "s", "Expiration": "2026-11-28T09:00:00Z"})");
  auto r = Chain()->Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("credential_process in profile default expired at"), std::string::npos)
      << r.status().message();
}

TEST_F(DefaultChain, NothingAnywhereListsEveryLink) {
  env_["AWS_EC2_METADATA_DISABLED"] = "true";
  auto r = Chain()->Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("Unable to locate AWS credentials"), std::string::npos);
  for (const char* part : {"aws.access_key and aws.secret_key not set", "AWS_ACCESS_KEY_ID not set",
                           "no profile 'default' in", "has no credential_process",
                           "disabled by AWS_EC2_METADATA_DISABLED"}) {
    EXPECT_NE(m.find(part), std::string::npos) << part << " in " << m;
  }
}

TEST_F(DefaultChain, NoImdsAnswerIsReportedInTheEndResult) {
  imds_.Fail(UnavailableError("connection refused"));
  auto r = Chain()->Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("no instance metadata service at http://127.0.0.1:9 (connection refused)"),
            std::string::npos)
      << r.status().message();
}

TEST_F(DefaultChain, NoErrorMessageEverHoldsASecret) {
  // Every failure mode fed with the secret somewhere nearby.
  std::vector<Status> errors;
  env_["AWS_SECRET_ACCESS_KEY"] = kSecret;
  errors.push_back(Chain()->Load().status());
  env_.erase("AWS_SECRET_ACCESS_KEY");
  errors.push_back(Chain(std::nullopt, std::string(kSecret))->Load().status());
  dir_.Write("credentials", std::string("[default]\n") + kSecret + "\n");
  errors.push_back(Chain()->Load().status());
  dir_.Write("credentials", "");
  dir_.Write("config", "[default]\ncredential_process = get-creds\n");
  runner_->Answer(0, std::string("{\"SecretAccessKey\": \"") + kSecret + "\"}");
  errors.push_back(Chain()->Load().status());
  runner_->Answer(0, std::string("{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"") + kSecret +
                         "\", \"SessionToken\": \"" + kToken + "\", \"Expiration\": \"2020-01-01T00:00:00Z\"}");
  errors.push_back(Chain()->Load().status());
  dir_.Write("config", "");
  imds_.Answer(200, "TOKEN");
  imds_.Answer(200, "role");
  imds_.Answer(200, std::string("{\"SecretAccessKey\": \"") + kSecret + "\", \"Token\": \"" + kToken + "\"}");
  errors.push_back(Chain()->Load().status());
  for (const Status& s : errors) {
    EXPECT_FALSE(s.ok());
    EXPECT_FALSE(HasSecret(s.ToString())) << s.ToString();
  }
}

TEST(CredentialChain, RemembersTheWinningLink) {
  struct Counting : CredentialProvider {
    explicit Counting(bool found) : found(found) {}
    Result<ResolvedCredentials> Load() override {
      ++calls;
      if (!found) return NotFoundError("nothing");
      ResolvedCredentials r;
      r.source = "counting";
      return r;
    }
    std::string Name() const override { return "counting"; }
    bool found;
    int calls = 0;
  };
  auto* first = new Counting(false);
  auto* second = new Counting(true);
  std::vector<std::unique_ptr<CredentialProvider>> links;
  links.emplace_back(first);
  links.emplace_back(second);
  CredentialChain chain(std::move(links));
  ASSERT_TRUE(chain.Load().ok());
  ASSERT_TRUE(chain.Load().ok());
  EXPECT_EQ(first->calls, 1);
  EXPECT_EQ(second->calls, 2);
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
