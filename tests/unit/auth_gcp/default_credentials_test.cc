#include "auth/gcp/default_credentials.h"

#include <gtest/gtest.h>

#include "auth/gcp/credential_check.h"
#include "auth/gcp/gcloud_config.h"
#include "unit/auth_gcp/chain_fixture.h"

namespace cloud_tasks::auth::gcp {
namespace {

using testing::Answer;
using testing::MetadataAnswer;
using testing::WriteAll;

class DefaultCredentials : public testing::ChainTest {};

TEST_F(DefaultCredentials, ConfigCredentialsFileComesFirst) {
  DefaultCredentialsOptions o = Options();
  o.credentials_file = WriteKey("config-key.json", "config-key-project");
  env_["GOOGLE_APPLICATION_CREDENTIALS"] = WriteKey("env-key.json");
  WriteAdc(testing::AuthorizedUserJson());
  o.env = MapEnvironment(env_);
  Result<GcpCredentials> c = FindDefaultCredentials(o);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source,
            "service-account key file " + *o.credentials_file + " (credentials_file in the config)");
  EXPECT_EQ(c->account_email, "runner@proj-from-key.iam.gserviceaccount.com");
  EXPECT_EQ(c->project_id, "config-key-project");
  EXPECT_EQ(c->project_source, "key file " + *o.credentials_file);
  EXPECT_EQ(transport_.request_count(), 0u) << "resolving a key file needs no call";
  transport_.Push(Answer(200, testing::TokenJson("ya29.x")));
  ASSERT_TRUE(c->tokens->GetToken().ok());
  EXPECT_EQ(transport_.requests()[0].url, "http://127.0.0.1:2/token");
}

TEST_F(DefaultCredentials, GoogleApplicationCredentialsComesSecond) {
  env_["GOOGLE_APPLICATION_CREDENTIALS"] = WriteKey("env-key.json");
  WriteAdc(testing::AuthorizedUserJson());
  DefaultCredentialsOptions o = Options();
  o.credentials_file = "";  // an empty config value counts as unset
  Result<GcpCredentials> c = FindDefaultCredentials(o);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source,
            "service-account key file " + home_.File("env-key.json") + " (GOOGLE_APPLICATION_CREDENTIALS)");
}

TEST_F(DefaultCredentials, GoogleApplicationCredentialsMayHoldUserCredentials) {
  WriteAll(home_.File("user.json"), testing::AuthorizedUserJson().dump());
  env_["GOOGLE_APPLICATION_CREDENTIALS"] = home_.File("user.json");
  Result<GcpCredentials> c = FindDefaultCredentials(Options());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source,
            "user credentials file " + home_.File("user.json") + " (GOOGLE_APPLICATION_CREDENTIALS)");
}

TEST_F(DefaultCredentials, GcloudAdcFileComesThird) {
  WriteAdc(testing::AuthorizedUserJson());
  WriteAll(home_.path() + "/.config/gcloud/configurations/config_default",
           "[core]\naccount = me@example.com\nproject = gcloud-proj\n");
  Result<GcpCredentials> c = FindDefaultCredentials(Options());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source, "gcloud application-default credentials " + AdcPath());
  EXPECT_EQ(c->account_email, "");
  EXPECT_EQ(c->project_id, "gcloud-proj");
  EXPECT_EQ(c->project_source, "gcloud config");
  EXPECT_EQ(c->quota_project_id, "quota-proj")
      << "kept, but not used as the project id (google-auth neither)";
  transport_.Push(Answer(200, testing::TokenJson("ya29.user")));
  ASSERT_TRUE(c->tokens->GetToken().ok());
  EXPECT_EQ(transport_.requests()[0].url, "http://127.0.0.1:3/token");
}

TEST_F(DefaultCredentials, CloudsdkConfigMovesTheAdcFile) {
  WriteAll(home_.File("sdk/application_default_credentials.json"), testing::AuthorizedUserJson().dump());
  env_["CLOUDSDK_CONFIG"] = home_.File("sdk");
  Result<GcpCredentials> c = FindDefaultCredentials(Options());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source, "gcloud application-default credentials " +
                           home_.File("sdk/application_default_credentials.json"));
  EXPECT_EQ(c->project_id, "");
}

TEST_F(DefaultCredentials, MetadataServerComesLast) {
  transport_.Push(MetadataAnswer(200, "123-compute@developer.gserviceaccount.com"));
  transport_.Push(MetadataAnswer(200, "vm-project"));
  Result<GcpCredentials> c = FindDefaultCredentials(Options());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->source, "metadata server 127.0.0.1:1 (service account of this instance)");
  EXPECT_EQ(c->account_email, "123-compute@developer.gserviceaccount.com");
  EXPECT_EQ(c->project_id, "vm-project");
  EXPECT_EQ(c->project_source, "metadata server");
  auto reqs = transport_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[1].url, "http://127.0.0.1:1/computeMetadata/v1/project/project-id");
}

TEST_F(DefaultCredentials, MetadataProjectIsNotAskedWhenKnownAndItsFailureIsNotAnError) {
  env_["GOOGLE_CLOUD_PROJECT"] = "env-proj";
  transport_.Push(MetadataAnswer(200, "sa@p.iam.gserviceaccount.com"));
  Result<GcpCredentials> c = FindDefaultCredentials(Options());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->project_id, "env-proj");
  EXPECT_EQ(transport_.request_count(), 1u);

  env_.erase("GOOGLE_CLOUD_PROJECT");
  transport_.Push(MetadataAnswer(200, "sa@p.iam.gserviceaccount.com"));
  transport_.Push(MetadataAnswer(500, "oops"));
  Result<GcpCredentials> d = FindDefaultCredentials(Options());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->project_id, "");
}

TEST_F(DefaultCredentials, NothingFoundListsWhatWasTried) {
  Result<GcpCredentials> c = FindDefaultCredentials(Options());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kNotFound);
  const std::string& m = c.status().message();
  EXPECT_TRUE(
      m.starts_with("no GCP credentials found; tried: credentials_file in the config (not set); "
                    "GOOGLE_APPLICATION_CREDENTIALS (not set); gcloud application-default credentials " +
                    AdcPath() +
                    " (not found); metadata server (metadata server 127.0.0.1:1 did not answer: connection "
                    "refused"))
      << m;
  EXPECT_NE(m.find("run `gcloud auth application-default login`"), std::string::npos) << m;
}

TEST_F(DefaultCredentials, NoGceCheckSkipsTheMetadataServer) {
  env_["NO_GCE_CHECK"] = "true";
  env_.erase("HOME");
  Result<GcpCredentials> c = FindDefaultCredentials(Options());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find(
                "gcloud application-default credentials (neither CLOUDSDK_CONFIG nor HOME set); "
                "metadata server (skipped: NO_GCE_CHECK=true)"),
            std::string::npos)
      << c.status().message();
  EXPECT_EQ(transport_.request_count(), 0u);
}

TEST_F(DefaultCredentials, ANamedButBrokenFileStopsTheChain) {
  WriteAdc(testing::AuthorizedUserJson());  // would work, must not be used
  DefaultCredentialsOptions o = Options();
  o.credentials_file = home_.File("missing.json");
  Result<GcpCredentials> c = FindDefaultCredentials(o);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "credentials_file in the config: cannot read GCP credentials file '" +
                                      home_.File("missing.json") + "': No such file or directory");

  WriteAll(home_.File("bad.json"), "{not json");
  env_["GOOGLE_APPLICATION_CREDENTIALS"] = home_.File("bad.json");
  Result<GcpCredentials> e = FindDefaultCredentials(Options());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(e.status().message().starts_with("GOOGLE_APPLICATION_CREDENTIALS: GCP credentials file '" +
                                               home_.File("bad.json") + "' is not valid JSON"))
      << e.status().message();

  Json key =
      testing::ServiceAccountJson("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "");
  WriteAll(home_.File("badpem.json"), key.dump());
  env_["GOOGLE_APPLICATION_CREDENTIALS"] = home_.File("badpem.json");
  Result<GcpCredentials> p = FindDefaultCredentials(Options());
  ASSERT_FALSE(p.ok());
  EXPECT_TRUE(p.status().message().starts_with(
      "GOOGLE_APPLICATION_CREDENTIALS: the \"private_key\" of service-account "
      "key file '" +
      home_.File("badpem.json") + "' is not a readable PEM"))
      << p.status().message();
}

TEST_F(DefaultCredentials, ABrokenAdcFileStopsTheChain) {
  Json user = testing::AuthorizedUserJson();
  user.erase("refresh_token");
  WriteAdc(user);
  Result<GcpCredentials> c = FindDefaultCredentials(Options());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message(), "user credentials file '" + AdcPath() + "' has no \"refresh_token\" field");
  EXPECT_EQ(transport_.request_count(), 0u) << "the metadata server is not tried";
}

TEST_F(DefaultCredentials, AMetadataServerWithoutServiceAccountStopsTheChain) {
  transport_.Push(MetadataAnswer(404, ""));
  Result<GcpCredentials> c = FindDefaultCredentials(Options());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kPermissionDenied);
}

TEST_F(DefaultCredentials, ProjectIdOrder) {
  DefaultCredentialsOptions o = Options();
  o.credentials_file = WriteKey("k.json", "key-proj");
  auto project = [&](DefaultCredentialsOptions opts) {
    opts.env = MapEnvironment(env_);
    Result<GcpCredentials> c = FindDefaultCredentials(opts);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? c->project_id + " <- " + c->project_source : "";
  };
  EXPECT_EQ(project(o), "key-proj <- key file " + home_.File("k.json"));
  env_["GCLOUD_PROJECT"] = "legacy-env";
  EXPECT_EQ(project(o), "legacy-env <- GCLOUD_PROJECT");
  env_["GOOGLE_CLOUD_PROJECT"] = "env";
  EXPECT_EQ(project(o), "env <- GOOGLE_CLOUD_PROJECT");
  o.project_id = "from-config";
  EXPECT_EQ(project(o), "from-config <- config (project_id)");
}

TEST_F(DefaultCredentials, CheckReturnsWhereFromWhoAndWhenButNoToken) {
  env_["GOOGLE_APPLICATION_CREDENTIALS"] = WriteKey("k.json");
  transport_.Push(Answer(200, testing::TokenJson("ya29.check-token", 3599)));
  Result<CredentialCheck> check = CheckGcpCredentials(Options());
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->source,
            "service-account key file " + home_.File("k.json") + " (GOOGLE_APPLICATION_CREDENTIALS)");
  EXPECT_EQ(check->account_email, "runner@proj-from-key.iam.gserviceaccount.com");
  EXPECT_EQ(check->project_id, "proj-from-key");
  EXPECT_EQ(check->token_expiry, testing::kChainNow + std::chrono::seconds(3599));
  for (const std::string* field :
       {&check->source, &check->account_email, &check->project_id, &check->project_source})
    EXPECT_EQ(field->find("ya29"), std::string::npos);
}

TEST_F(DefaultCredentials, CheckReportsARevokedKeyWithTheVariableToFix) {
  env_["GOOGLE_APPLICATION_CREDENTIALS"] = WriteKey("k.json");
  transport_.Push(Answer(400, R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})"));
  Result<CredentialCheck> check = CheckGcpCredentials(Options());
  ASSERT_FALSE(check.ok());
  EXPECT_TRUE(check.status().message().starts_with("invalid_grant: Invalid JWT Signature. (HTTP 400)"));
  EXPECT_NE(check.status().message().find("point GOOGLE_APPLICATION_CREDENTIALS at it"), std::string::npos)
      << check.status().message();
}

TEST(GcloudConfig, PathsAndActiveProject) {
  testing::TempDir dir;
  EXPECT_EQ(GcloudConfigDir(MapEnvironment({})), std::nullopt);
  EXPECT_EQ(GcloudAdcFilePath(MapEnvironment({{"HOME", "/h"}})),
            "/h/.config/gcloud/application_default_credentials.json");
  EXPECT_EQ(GcloudAdcFilePath(MapEnvironment({{"HOME", "/h"}, {"CLOUDSDK_CONFIG", "/c"}})),
            "/c/application_default_credentials.json");
  std::map<std::string, std::string> env = {{"CLOUDSDK_CONFIG", dir.path()}};
  EXPECT_EQ(GcloudProject(MapEnvironment(env)), std::nullopt);
  WriteAll(dir.File("configurations/config_default"), "[core]\nproject = p-default\n");
  WriteAll(dir.File("configurations/config_work"),
           "[compute]\nproject = not-core\n[core]\n  project =  p-work  \n");
  EXPECT_EQ(GcloudProject(MapEnvironment(env)), "p-default");
  WriteAll(dir.File("active_config"), "work\n");
  EXPECT_EQ(GcloudProject(MapEnvironment(env)), "p-work");
  env["CLOUDSDK_ACTIVE_CONFIG_NAME"] = "default";
  EXPECT_EQ(GcloudProject(MapEnvironment(env)), "p-default");
  env["CLOUDSDK_CORE_PROJECT"] = "p-env";
  EXPECT_EQ(GcloudProject(MapEnvironment(env)), "p-env");
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
