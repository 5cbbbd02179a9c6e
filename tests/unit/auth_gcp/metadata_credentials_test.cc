#include "auth/gcp/metadata_credentials.h"

#include <gtest/gtest.h>

#include "unit/auth_gcp/scripted_transport.h"

namespace cloud_tasks::auth::gcp {
namespace {

using testing::Answer;
using testing::MetadataAnswer;
using testing::ScriptedTransport;

const SystemTime kNow = SystemTime(std::chrono::seconds(1'764'300'000));

MetadataCredentialsOptions Options(ScriptedTransport& transport) {
  MetadataCredentialsOptions o;
  o.transport = &transport;
  o.settings.host = "127.0.0.1:1";
  o.clock = [] { return kNow; };
  return o;
}

TEST(MetadataSettings, ReadGoogleAuthsVariables) {
  MetadataServerSettings d = MetadataSettingsFromEnvironment(MapEnvironment({}));
  EXPECT_EQ(d.host, "metadata.google.internal");
  EXPECT_EQ(d.timeout, std::chrono::seconds(3));
  EXPECT_FALSE(d.disabled);
  MetadataServerSettings s =
      MetadataSettingsFromEnvironment(MapEnvironment({{"GCE_METADATA_HOST", "127.0.0.1:8080"},
                                                      {"GCE_METADATA_ROOT", "x"},
                                                      {"GCE_METADATA_TIMEOUT", "7"},
                                                      {"NO_GCE_CHECK", "true"}}));
  EXPECT_EQ(s.host, "127.0.0.1:8080");
  EXPECT_EQ(s.timeout, std::chrono::seconds(7));
  EXPECT_TRUE(s.disabled);
  MetadataServerSettings legacy = MetadataSettingsFromEnvironment(MapEnvironment(
      {{"GCE_METADATA_ROOT", "legacy:81"}, {"GCE_METADATA_TIMEOUT", "x"}, {"NO_GCE_CHECK", "True"}}));
  EXPECT_EQ(legacy.host, "legacy:81");
  EXPECT_EQ(legacy.timeout, std::chrono::seconds(3));
  EXPECT_FALSE(legacy.disabled) << "google-auth compares with \"true\" exactly";
}

TEST(MetadataCredentials, ProbesTheEmailThenGetsTokensAndProject) {
  ScriptedTransport transport;
  transport.Push(MetadataAnswer(200, "123-compute@developer.gserviceaccount.com"));
  transport.Push(MetadataAnswer(200, testing::TokenJson("ya29.md", 3000)));
  transport.Push(MetadataAnswer(200, "my-project\n"));
  Result<std::unique_ptr<MetadataCredentials>> creds = MetadataCredentials::Probe(Options(transport));
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ((*creds)->AccountEmail(), "123-compute@developer.gserviceaccount.com");
  EXPECT_EQ((*creds)->Source(), "metadata server 127.0.0.1:1 (service account of this instance)");
  Result<AccessToken> token = (*creds)->GetToken();
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_EQ(token->value, "ya29.md");
  EXPECT_EQ(token->expiry, kNow + std::chrono::seconds(3000));
  EXPECT_EQ(*(*creds)->ProjectId(), "my-project");

  auto reqs = transport.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].url, "http://127.0.0.1:1/computeMetadata/v1/instance/service-accounts/default/email");
  EXPECT_EQ(reqs[1].url, "http://127.0.0.1:1/computeMetadata/v1/instance/service-accounts/default/token");
  EXPECT_EQ(reqs[2].url, "http://127.0.0.1:1/computeMetadata/v1/project/project-id");
  for (const auto& r : reqs) {
    EXPECT_EQ(r.method, "GET");
    EXPECT_EQ(r.headers, (http::HeaderList{{"Metadata-Flavor", "Google"}}));
    EXPECT_EQ(r.timeout, std::chrono::milliseconds(3000));
  }
}

TEST(MetadataCredentials, ScopesGoInTheQueryWhenAsked) {
  ScriptedTransport transport;
  transport.Push(MetadataAnswer(200, "sa@p.iam.gserviceaccount.com"));
  transport.Push(MetadataAnswer(200, testing::TokenJson("t")));
  MetadataCredentialsOptions o = Options(transport);
  o.scopes = {"https://www.googleapis.com/auth/cloud-platform", "https://www.googleapis.com/auth/pubsub"};
  auto creds = std::move(MetadataCredentials::Probe(std::move(o))).value();
  ASSERT_TRUE(creds->GetToken().ok());
  EXPECT_EQ(
      transport.requests()[1].url,
      "http://127.0.0.1:1/computeMetadata/v1/instance/service-accounts/default/token?scopes=https%3A%2F%2F"
      "www.googleapis.com%2Fauth%2Fcloud-platform%2Chttps%3A%2F%2Fwww.googleapis.com%2Fauth%2Fpubsub");
}

TEST(MetadataCredentials, NoServerIsNotFound) {
  ScriptedTransport transport;
  Result<std::unique_ptr<MetadataCredentials>> creds = MetadataCredentials::Probe(Options(transport));
  ASSERT_FALSE(creds.ok());
  EXPECT_EQ(creds.status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(
      creds.status().message().starts_with("metadata server 127.0.0.1:1 did not answer: connection refused"))
      << creds.status().message();
}

TEST(MetadataCredentials, AnAnswerWithoutTheFlavorHeaderIsNotAMetadataServer) {
  ScriptedTransport transport;
  transport.Push(Answer(200, "<html>captive portal</html>"));
  Result<std::unique_ptr<MetadataCredentials>> creds = MetadataCredentials::Probe(Options(transport));
  ASSERT_FALSE(creds.ok());
  EXPECT_EQ(creds.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(creds.status().message(),
            "the server at 127.0.0.1:1 answered without `Metadata-Flavor: Google`: not a metadata server");
}

TEST(MetadataCredentials, NoServiceAccountAndServerErrors) {
  ScriptedTransport transport;
  transport.Push(MetadataAnswer(404, "not found"));
  Result<std::unique_ptr<MetadataCredentials>> none = MetadataCredentials::Probe(Options(transport));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(none.status().message().find("this instance has no service account attached"), std::string::npos);

  transport.Push(MetadataAnswer(200, "sa@p.iam.gserviceaccount.com"));
  transport.Push(MetadataAnswer(503, "busy"));
  transport.Push(MetadataAnswer(404, ""));
  auto creds = std::move(MetadataCredentials::Probe(Options(transport))).value();
  Result<AccessToken> t = creds->GetToken();
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(t.status().message(),
            "metadata server 127.0.0.1:1 answered HTTP 503 for instance/service-accounts/default/token");
  Result<std::string> project = creds->ProjectId();
  ASSERT_FALSE(project.ok());
  EXPECT_EQ(project.status().message(),
            "metadata server 127.0.0.1:1 answered HTTP 404 for project/project-id");
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
