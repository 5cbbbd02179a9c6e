#include "auth/aws/static_key_providers.h"

#include <gtest/gtest.h>

#include "chain_test_support.h"

namespace cloud_tasks::auth::aws {
namespace {

using testing::HasSecret;
using testing::kSecret;
using testing::kToken;

TEST(ConfigKeysProvider, BothKeysGiveCredentials) {
  ConfigKeysProvider p("AKIDCONFIG", std::string(kSecret));
  auto r = p.Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->credentials.access_key_id, "AKIDCONFIG");
  EXPECT_EQ(r->credentials.secret_access_key, kSecret);
  EXPECT_FALSE(r->credentials.has_session_token());
  EXPECT_EQ(r->source, "config file keys");
  EXPECT_FALSE(r->expiration.has_value());
  EXPECT_FALSE(HasSecret(ToString(*r)));
}

TEST(ConfigKeysProvider, NoKeysIsNotFound) {
  ConfigKeysProvider p(std::nullopt, std::string(""));
  EXPECT_EQ(p.Load().status().code(), ErrorCode::kNotFound);
}

TEST(ConfigKeysProvider, HalfAPairNamesTheMissingKey) {
  auto no_secret = ConfigKeysProvider("AKID", std::nullopt).Load();
  EXPECT_EQ(no_secret.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(no_secret.status().message().find("aws.secret_key is missing"), std::string::npos);
  auto no_id = ConfigKeysProvider(std::nullopt, std::string(kSecret)).Load();
  EXPECT_EQ(no_id.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(no_id.status().message().find("aws.access_key is missing"), std::string::npos);
  EXPECT_FALSE(HasSecret(no_id.status().message()));
}

TEST(EnvironmentProvider, ReadsKeysAndSessionToken) {
  EnvironmentProvider p(MapEnvironment({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                                        {"AWS_SECRET_ACCESS_KEY", kSecret},
                                        {"AWS_SESSION_TOKEN", kToken}}));
  auto r = p.Load();
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->credentials.access_key_id, "AKIDENV");
  EXPECT_EQ(r->credentials.session_token, kToken);
  EXPECT_EQ(r->source, "environment");
  EXPECT_FALSE(HasSecret(ToString(*r)));
}

TEST(EnvironmentProvider, LegacySecurityTokenOnlyWhenSessionTokenUnset) {
  auto legacy = EnvironmentProvider(MapEnvironment({{"AWS_ACCESS_KEY_ID", "A"},
                                                    {"AWS_SECRET_ACCESS_KEY", "s"},
                                                    {"AWS_SECURITY_TOKEN", "legacy"}}))
                    .Load();
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ(legacy->credentials.session_token, "legacy");
  auto both = EnvironmentProvider(MapEnvironment({{"AWS_ACCESS_KEY_ID", "A"},
                                                  {"AWS_SECRET_ACCESS_KEY", "s"},
                                                  {"AWS_SESSION_TOKEN", "standard"},
                                                  {"AWS_SECURITY_TOKEN", "legacy"}}))
                  .Load();
  EXPECT_EQ(both->credentials.session_token, "standard");
}

TEST(EnvironmentProvider, CredentialExpirationIsParsed) {
  auto r = EnvironmentProvider(MapEnvironment({{"AWS_ACCESS_KEY_ID", "A"},
                                               {"AWS_SECRET_ACCESS_KEY", "s"},
                                               {"AWS_CREDENTIAL_EXPIRATION", "2026-11-28T12:00:00Z"}}))
               .Load();
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->expiration.has_value());
  EXPECT_EQ(FormatIsoUtc(*r->expiration), "2026-11-28T12:00:00.000000+00:00");
  auto bad = EnvironmentProvider(MapEnvironment({{"AWS_ACCESS_KEY_ID", "A"},
                                                 {"AWS_SECRET_ACCESS_KEY", "s"},
                                                 {"AWS_CREDENTIAL_EXPIRATION", "tomorrow"}}))
                 .Load();
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
}

TEST(EnvironmentProvider, NothingSetIsNotFound) {
  auto r = EnvironmentProvider(MapEnvironment({{"AWS_ACCESS_KEY_ID", ""}})).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.status().message(), "AWS_ACCESS_KEY_ID not set");
}

TEST(EnvironmentProvider, IdWithoutSecretNamesTheSecretVariable) {
  auto r = EnvironmentProvider(MapEnvironment({{"AWS_ACCESS_KEY_ID", "AKID"}})).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("AWS_SECRET_ACCESS_KEY is missing"), std::string::npos);
}

TEST(EnvironmentProvider, SecretWithoutIdNamesTheIdVariable) {
  auto r = EnvironmentProvider(MapEnvironment({{"AWS_SECRET_ACCESS_KEY", kSecret}})).Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("AWS_ACCESS_KEY_ID is missing"), std::string::npos);
  EXPECT_FALSE(HasSecret(r.status().message()));
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
