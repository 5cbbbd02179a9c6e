#include "auth/aws/endpoint.h"

#include <gtest/gtest.h>

#include "chain_test_support.h"

namespace cloud_tasks::auth::aws {
namespace {

TEST(DefaultEndpoint, Services) {
  EXPECT_EQ(DefaultEndpoint("SQS", "us-east-1"), "https://sqs.us-east-1.amazonaws.com");
  EXPECT_EQ(DefaultEndpoint("EC2", "eu-west-3"), "https://ec2.eu-west-3.amazonaws.com");
  EXPECT_EQ(DefaultEndpoint("STS", "ap-south-1"), "https://sts.ap-south-1.amazonaws.com");
  EXPECT_EQ(DefaultEndpoint("Pricing", "us-east-1"), "https://api.pricing.us-east-1.amazonaws.com");
  EXPECT_EQ(DefaultEndpoint("SQS", "cn-north-1"), "https://sqs.cn-north-1.amazonaws.com.cn");
}

struct EndpointCase {
  const char* name;
  std::string service;
  std::optional<std::string> config_url;
  std::map<std::string, std::string> env;
  std::string config_file;
  std::string want_url;  // "" = error
  std::string want_source;  // or error substring
};

class ResolveEndpointCases : public ::testing::TestWithParam<EndpointCase> {};

TEST_P(ResolveEndpointCases, Resolves) {
  const EndpointCase& c = GetParam();
  testing::TempDir dir;
  SharedConfigPaths paths;
  paths.config_file = dir.Write("config", c.config_file);
  paths.credentials_file = dir.path() + "/none";
  EnvLookup env = MapEnvironment(c.env);
  SharedConfigSource files(paths, ChooseProfile(std::nullopt, env));
  EndpointQuery q;
  q.service_id = c.service;
  q.region = "us-west-2";
  q.config_endpoint_url = c.config_url;
  auto r = ResolveEndpoint(q, env, &files);
  if (c.want_url.empty()) {
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find(c.want_source), std::string::npos) << r.status().message();
    return;
  }
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->url, c.want_url);
  std::string source = c.want_source;
  if (source.find("{config}") != std::string::npos) source.replace(source.find("{config}"), 8, paths.config_file);
  EXPECT_EQ(r->source, source);
}

const std::map<std::string, std::string> kAllEnv = {{"AWS_ENDPOINT_URL_SQS", "http://localhost:9324"},
                                                    {"AWS_ENDPOINT_URL", "http://localhost:4566"}};
const char kProfileConfig[] =
    "[default]\n"
    "endpoint_url = http://profile-global:1\n"
    "services = local\n"
    "[services local]\n"
    "sqs =\n"
    "  endpoint_url = http://services-sqs:2\n";

INSTANTIATE_TEST_SUITE_P(
    Table, ResolveEndpointCases,
    ::testing::Values(
        EndpointCase{"OurConfigFirst", "SQS", "http://elasticmq:9324", kAllEnv, kProfileConfig,
                     "http://elasticmq:9324", "config"},
        EndpointCase{"OurConfigEvenWhenIgnoring", "SQS", "http://elasticmq:9324",
                     {{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}}, "", "http://elasticmq:9324", "config"},
        EndpointCase{"ServiceEnv", "SQS", std::nullopt, kAllEnv, kProfileConfig, "http://localhost:9324",
                     "AWS_ENDPOINT_URL_SQS"},
        EndpointCase{"GlobalEnvForOtherService", "EC2", std::nullopt, kAllEnv, kProfileConfig,
                     "http://localhost:4566", "AWS_ENDPOINT_URL"},
        EndpointCase{"PricingEnvName", "Pricing", std::nullopt, {{"AWS_ENDPOINT_URL_PRICING", "http://p:1"}}, "",
                     "http://p:1", "AWS_ENDPOINT_URL_PRICING"},
        EndpointCase{"ServicesSection", "SQS", std::nullopt, {}, kProfileConfig, "http://services-sqs:2",
                     "[services local] sqs in {config}"},
        EndpointCase{"ProfileGlobal", "STS", std::nullopt, {}, kProfileConfig, "http://profile-global:1",
                     "endpoint_url of profile default in {config}"},
        EndpointCase{"IgnoreByEnv", "SQS", std::nullopt,
                     {{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"}, {"AWS_ENDPOINT_URL_SQS", "http://x:1"}},
                     kProfileConfig, "https://sqs.us-west-2.amazonaws.com", "default"},
        EndpointCase{"IgnoreByProfile", "SQS", std::nullopt, {{"AWS_ENDPOINT_URL", "http://x:1"}},
                     "[default]\nignore_configured_endpoint_urls = true\nendpoint_url = http://y:1\n",
                     "https://sqs.us-west-2.amazonaws.com", "default"},
        EndpointCase{"EnvFalseBeatsProfileTrue", "SQS", std::nullopt,
                     {{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"}, {"AWS_ENDPOINT_URL", "http://x:1"}},
                     "[default]\nignore_configured_endpoint_urls = true\n", "http://x:1", "AWS_ENDPOINT_URL"},
        EndpointCase{"DefaultSts", "STS", std::nullopt, {}, "", "https://sts.us-west-2.amazonaws.com", "default"},
        EndpointCase{"MissingServicesSection", "SQS", std::nullopt, {}, "[default]\nservices = gone\n", "",
                     "has no [services gone]"},
        EndpointCase{"NotAUrl", "SQS", std::nullopt, {{"AWS_ENDPOINT_URL_SQS", "localhost:9324"}}, "", "",
                     "endpoint URL from AWS_ENDPOINT_URL_SQS must start with http:// or https://"},
        EndpointCase{"ProfileMissing", "SQS", std::nullopt, {{"AWS_PROFILE", "nope"}}, "", "",
                     "AWS profile 'nope'"}),
    [](const ::testing::TestParamInfo<EndpointCase>& info) { return info.param.name; });

TEST(ResolveEndpoint, WithoutFilesOrRegion) {
  EndpointQuery q;
  q.service_id = "SQS";
  auto r = ResolveEndpoint(q, MapEnvironment({}), nullptr);
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  q.region = "eu-central-1";
  EXPECT_EQ(ResolveEndpoint(q, MapEnvironment({}), nullptr)->url, "https://sqs.eu-central-1.amazonaws.com");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
