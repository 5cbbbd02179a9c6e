#include "auth/aws/region.h"

#include <gtest/gtest.h>

#include "chain_test_support.h"

namespace cloud_tasks::auth::aws {
namespace {

struct RegionCase {
  const char* name;
  std::optional<std::string> config_region;
  std::map<std::string, std::string> env;
  std::string config_file;  // contents of ~/.aws/config
  std::string want_region;  // "" = error
  std::string want_source;  // or the error substring
};

class ResolveRegionCases : public ::testing::TestWithParam<RegionCase> {};

TEST_P(ResolveRegionCases, Resolves) {
  const RegionCase& c = GetParam();
  testing::TempDir dir;
  SharedConfigPaths paths;
  paths.config_file = dir.Write("config", c.config_file);
  paths.credentials_file = dir.path() + "/none";
  EnvLookup env = MapEnvironment(c.env);
  SharedConfigSource files(paths, ChooseProfile(std::nullopt, env));
  auto r = ResolveRegion(c.config_region, env, &files);
  if (c.want_region.empty()) {
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find(c.want_source), std::string::npos) << r.status().message();
    return;
  }
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->region, c.want_region);
  std::string source = c.want_source;
  if (source.find("{config}") != std::string::npos) source.replace(source.find("{config}"), 8, paths.config_file);
  EXPECT_EQ(r->source, source);
}

const std::map<std::string, std::string> kBothEnv = {{"AWS_REGION", "eu-west-1"}, {"AWS_DEFAULT_REGION", "eu-west-2"}};

INSTANTIATE_TEST_SUITE_P(
    Table, ResolveRegionCases,
    ::testing::Values(
        RegionCase{"ConfigFirst", "us-west-2", kBothEnv, "[default]\nregion = ap-south-1\n", "us-west-2", "config"},
        RegionCase{"AwsRegionBeatsDefault", std::nullopt, kBothEnv, "[default]\nregion = x\n", "eu-west-1",
                   "AWS_REGION"},
        RegionCase{"AwsDefaultRegion", std::nullopt, {{"AWS_DEFAULT_REGION", "eu-west-2"}, {"AWS_REGION", ""}}, "",
                   "eu-west-2", "AWS_DEFAULT_REGION"},
        RegionCase{"Profile", std::nullopt, {}, "[default]\nregion = ap-south-1\n", "ap-south-1",
                   "profile default in {config}"},
        RegionCase{"NamedProfile", std::string(""), {{"AWS_PROFILE", "dev"}},
                   "[default]\nregion = a\n[profile dev]\nregion = b\n", "b", "profile dev in {config}"},
        RegionCase{"Nowhere", std::nullopt, {}, "[default]\noutput = json\n", "",
                   "No AWS region configured: set aws.region"},
        RegionCase{"NamedProfileMissing", std::nullopt, {{"AWS_PROFILE", "nope"}}, "[default]\nregion = a\n", "",
                   "AWS profile 'nope'"},
        RegionCase{"MalformedConfig", std::nullopt, {}, "region = a\n", "", "config:1:"}),
    [](const ::testing::TestParamInfo<RegionCase>& info) { return info.param.name; });

TEST(ResolveRegion, WithoutSharedFiles) {
  auto r = ResolveRegion(std::nullopt, MapEnvironment({}), nullptr);
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ResolveRegion(std::nullopt, MapEnvironment({{"AWS_REGION", " us-east-2 "}}), nullptr)->region,
            "us-east-2");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
