#pragma once
// Fixture for the ADC chain tests: a fake home with optional credential files, an injected
// environment that always points the metadata server at loopback, a scripted transport
// and a check that no request ever left loopback.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "auth/gcp/default_credentials.h"
#include "unit/auth_gcp/scripted_transport.h"
#include "unit/auth_gcp/test_keys.h"

namespace cloud_tasks::auth::gcp::testing {

inline const SystemTime kChainNow = SystemTime(std::chrono::seconds(1'764'300'000));
inline constexpr const char* kMetadataHost = "127.0.0.1:1";

class ChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_["HOME"] = home_.path();
    env_["GCE_METADATA_HOST"] = kMetadataHost;
  }
  void TearDown() override {
    for (const auto& r : transport_.requests()) {
      EXPECT_TRUE(r.url.starts_with("http://127.0.0.1")) << "a test left loopback: " << r.url;
    }
  }

  std::string AdcPath() const {
    return home_.path() + "/.config/gcloud/application_default_credentials.json";
  }

  // Writes a service-account key file whose token_uri is loopback.
  std::string WriteKey(const std::string& name, const std::string& project = "proj-from-key") {
    std::string path = home_.File(name);
    WriteAll(path, ServiceAccountJson(SharedKey().private_pem, "http://127.0.0.1:2/token", project).dump());
    return path;
  }
  void WriteAdc(const Json& content) { WriteAll(AdcPath(), content.dump()); }

  DefaultCredentialsOptions Options() {
    DefaultCredentialsOptions o;
    o.env = MapEnvironment(env_);
    o.transport = &transport_;
    o.clock = [] { return kChainNow; };
    o.user_token_uri = "http://127.0.0.1:3/token";
    return o;
  }

  TempDir home_;
  std::map<std::string, std::string> env_;
  ScriptedTransport transport_;
};

}  // namespace cloud_tasks::auth::gcp::testing
