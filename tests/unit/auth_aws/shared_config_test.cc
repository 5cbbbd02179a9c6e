#include "auth/aws/shared_config.h"

#include <gtest/gtest.h>

#include "auth/aws/profile_key_providers.h"
#include "chain_test_support.h"

namespace cloud_tasks::auth::aws {
namespace {

using testing::HasSecret;
using testing::kSecret;
using testing::kToken;
using testing::TempDir;

TEST(SharedConfigPaths, DefaultsUnderHomeAndOverrides) {
  auto p = ResolveSharedConfigPaths(MapEnvironment({{"HOME", "/home/u"}}));
  EXPECT_EQ(p.config_file, "/home/u/.aws/config");
  EXPECT_EQ(p.credentials_file, "/home/u/.aws/credentials");
  p = ResolveSharedConfigPaths(MapEnvironment({{"HOME", "/home/u"},
                                               {"AWS_CONFIG_FILE", "~/cfg"},
                                               {"AWS_SHARED_CREDENTIALS_FILE", "/etc/creds"}}));
  EXPECT_EQ(p.config_file, "/home/u/cfg");
  EXPECT_EQ(p.credentials_file, "/etc/creds");
}

TEST(ChooseProfile, BotocoreOrder) {
  EXPECT_EQ(ChooseProfile(std::nullopt, MapEnvironment({})).name, "default");
  EXPECT_FALSE(ChooseProfile(std::nullopt, MapEnvironment({})).is_explicit());
  auto env = MapEnvironment({{"AWS_PROFILE", "p"}, {"AWS_DEFAULT_PROFILE", "dp"}});
  EXPECT_EQ(ChooseProfile(std::nullopt, env).name, "dp");
  EXPECT_EQ(ChooseProfile(std::nullopt, env).origin, "AWS_DEFAULT_PROFILE");
  EXPECT_EQ(ChooseProfile(std::nullopt, MapEnvironment({{"AWS_PROFILE", "p"}})).origin, "AWS_PROFILE");
  EXPECT_EQ(ChooseProfile(std::string("c"), env).name, "c");
  EXPECT_EQ(ChooseProfile(std::string(""), MapEnvironment({{"AWS_PROFILE", ""}})).name, "default");
}

class SharedFiles : public ::testing::Test {
 protected:
  SharedConfigPaths Paths(const std::string& config, const std::string& creds) {
    SharedConfigPaths p;
    p.config_file = config.empty() ? dir_.path() + "/none-config" : dir_.Write("config", config);
    p.credentials_file = creds.empty() ? dir_.path() + "/none-creds" : dir_.Write("credentials", creds);
    return p;
  }
  std::shared_ptr<SharedConfigSource> Source(const std::string& config, const std::string& creds,
                                             ProfileChoice profile = {}) {
    return std::make_shared<SharedConfigSource>(Paths(config, creds), profile);
  }
  TempDir dir_;
};

TEST_F(SharedFiles, ProfilesOfBothFilesAndMergedSettings) {
  auto shared = SharedConfig::Load(Paths("[default]\nregion = r-def\n[profile dev]\nregion = r-dev\n"
                                         "[services loc]\nsqs =\n  endpoint_url = http://x\n[dev]\nignored = 1\n",
                                         "[dev]\nregion = r-creds\n[only-creds]\nx = 1\n"));
  ASSERT_TRUE(shared.ok()) << shared.status().ToString();
  EXPECT_TRUE(shared->HasProfile("dev"));
  EXPECT_TRUE(shared->HasProfile("only-creds"));
  EXPECT_TRUE(shared->HasProfile("default"));
  EXPECT_FALSE(shared->HasProfile("loc"));
  EXPECT_EQ(shared->Get("default", "region"), "r-def");
  EXPECT_EQ(shared->Get("dev", "region"), "r-creds");  // credentials file wins (botocore)
  EXPECT_NE(shared->ServicesSection("loc"), nullptr);
  EXPECT_EQ(shared->ConfigFileProfile("dev")->Get("region"), "r-dev");
}

TEST_F(SharedFiles, QuotedProfileNameAndProfileDefault) {
  auto shared = SharedConfig::Load(Paths("[profile \"my team\"]\nregion = a\n[profile default]\nregion = b\n", ""));
  ASSERT_TRUE(shared.ok());
  EXPECT_EQ(shared->Get("my team", "region"), "a");
  EXPECT_EQ(shared->Get("default", "region"), "b");
  EXPECT_FALSE(shared->HasProfile("profile"));
}

TEST_F(SharedFiles, MissingFilesAreEmpty) {
  auto shared = SharedConfig::Load(Paths("", ""));
  ASSERT_TRUE(shared.ok());
  EXPECT_FALSE(shared->HasProfile("default"));
  EXPECT_TRUE(shared->CheckProfile(ProfileChoice{}).ok());
}

TEST_F(SharedFiles, NamedProfileDefinedNowhereIsAnError) {
  auto shared = SharedConfig::Load(Paths("[default]\nregion = r\n", ""));
  ProfileChoice choice;
  choice.name = "typo";
  choice.origin = "AWS_PROFILE";
  Status s = shared->CheckProfile(choice);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(s.message().find("AWS profile 'typo' (from AWS_PROFILE) is not defined"), std::string::npos);
}

TEST_F(SharedFiles, MalformedFileErrorNamesPathAndLine) {
  auto files = Source("", std::string("[default]\naws_access_key_id = A\n") + kSecret + "\n");
  SharedCredentialsFileProvider p(files);
  auto r = p.Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(dir_.path() + "/credentials:3:"), std::string::npos) << r.status().message();
  EXPECT_FALSE(HasSecret(r.status().message()));
}

TEST_F(SharedFiles, CredentialsFileProfileKeys) {
  ProfileChoice dev;
  dev.name = "dev";
  dev.origin = "AWS_PROFILE";
  auto files = Source("", std::string("[default]\naws_access_key_id = ADEF\naws_secret_access_key = x\n"
                                      "[dev]\naws_access_key_id = ADEV\naws_secret_access_key = ") +
                              kSecret + "\naws_session_token = " + kToken + "\n",
                      dev);
  auto r = SharedCredentialsFileProvider(files).Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->credentials.access_key_id, "ADEV");
  EXPECT_EQ(r->credentials.secret_access_key, kSecret);
  EXPECT_EQ(r->credentials.session_token, kToken);
  EXPECT_EQ(r->source, "shared credentials file " + dir_.path() + "/credentials profile dev");
  EXPECT_FALSE(HasSecret(ToString(*r)));
}

TEST_F(SharedFiles, LegacySecurityTokenInFile) {
  auto files = Source("", "[default]\naws_access_key_id = A\naws_secret_access_key = s\naws_security_token = t\n");
  auto r = SharedCredentialsFileProvider(files).Load();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.session_token, "t");
}

TEST_F(SharedFiles, ConfigFileProfileKeys) {
  auto files = Source("[default]\naws_access_key_id = ACFG\naws_secret_access_key = s\n", "");
  auto r = SharedConfigFileProvider(files).Load();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.access_key_id, "ACFG");
  EXPECT_EQ(r->source, "shared config file " + dir_.path() + "/config profile default");
  EXPECT_EQ(SharedCredentialsFileProvider(files).Load().status().code(), ErrorCode::kNotFound);
}

TEST_F(SharedFiles, ProfileWithoutKeysIsNotFound) {
  auto files = Source("[default]\nregion = r\n", "[default]\nregion = r\n");
  auto r = SharedCredentialsFileProvider(files).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(r.status().message().find("has no aws_access_key_id"), std::string::npos);
  EXPECT_EQ(SharedConfigFileProvider(files).Load().status().code(), ErrorCode::kNotFound);
}

TEST_F(SharedFiles, AccessKeyWithoutSecretInFileIsAnError) {
  auto files = Source("", "\n[default]\naws_access_key_id = A\n");
  auto r = SharedCredentialsFileProvider(files).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("credentials:2: profile 'default' has aws_access_key_id but no "
                                      "aws_secret_access_key"),
            std::string::npos)
      << r.status().message();
}

TEST_F(SharedFiles, ExplicitProfileNotFoundStopsTheProfileLinks) {
  ProfileChoice typo;
  typo.name = "typo";
  typo.origin = "AWS_PROFILE";
  auto files = Source("[default]\naws_access_key_id = A\naws_secret_access_key = s\n", "", typo);
  auto r = SharedCredentialsFileProvider(files).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("'typo'"), std::string::npos);
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
