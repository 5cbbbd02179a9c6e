// Keep-alive identity from a loopback metadata server (WRK-61).

#include "worker/instance_identity.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>

#include "support/fake_http_server.h"
#include "worker_test_util.h"

namespace cloud_tasks::worker {
namespace {

using cloud_tasks::testing::FakeHttpServer;
using cloud_tasks::testing::HttpAnswer;
using cloud_tasks::testing::HttpRequestSeen;

EnvLookup Env(std::map<std::string, std::string> vars) { return testing::FakeEnv(std::move(vars)); }

TEST(InstanceIdentity, AwsUsesTheTokenAndCachesTheAnswer) {
  FakeHttpServer server([](const HttpRequestSeen& r) -> HttpAnswer {
    if (r.method == "PUT" && r.path == "/latest/api/token") return {200, "T1"};
    if (r.path == "/latest/meta-data/instance-id") {
      auto it = r.headers.find("x-aws-ec2-metadata-token");
      if (it == r.headers.end() || it->second != "T1") return {401, ""};
      return {200, "i-0123456789abcdef0\n"};
    }
    return {404, ""};
  });
  InstanceIdentity id("aws", Env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()}}), "host-a");
  EXPECT_EQ(id.Get(), "i-0123456789abcdef0");
  EXPECT_EQ(id.Get(), "i-0123456789abcdef0");
  EXPECT_EQ(server.requests().size(), 2u) << "the second answer comes from the cache";
}

TEST(InstanceIdentity, AwsFallsBackToNoTokenWhenTheTokenCallFails) {
  FakeHttpServer server([](const HttpRequestSeen& r) -> HttpAnswer {
    if (r.method == "PUT") return {403, ""};
    if (r.path == "/latest/meta-data/instance-id" && !r.headers.count("x-aws-ec2-metadata-token"))
      return {200, "i-v1"};
    return {404, ""};
  });
  InstanceIdentity id("aws", Env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()}}), "host-a");
  EXPECT_EQ(id.Get(), "i-v1");
}

TEST(InstanceIdentity, GcpNameWithMetadataFlavor) {
  FakeHttpServer server([](const HttpRequestSeen& r) -> HttpAnswer {
    if (r.path != "/computeMetadata/v1/instance/name") return {404, ""};
    if (!r.headers.count("metadata-flavor")) return {403, ""};
    return {200, "job1-worker-3"};
  });
  InstanceIdentity id("gcp", Env({{"GCE_METADATA_HOST", "127.0.0.1:" + std::to_string(server.port())}}),
                      "host-a");
  EXPECT_EQ(id.Get(), "job1-worker-3");
}

TEST(InstanceIdentity, HostnameFallbackIsNotCached) {
  std::atomic<bool> up{false};
  FakeHttpServer server([&](const HttpRequestSeen& r) -> HttpAnswer {
    if (!up) return {500, ""};
    if (r.path == "/computeMetadata/v1/instance/name") return {200, "vm-7"};
    return {404, ""};
  });
  InstanceIdentity id("gcp", Env({{"GCE_METADATA_HOST", "127.0.0.1:" + std::to_string(server.port())}}),
                      "host-a");
  EXPECT_EQ(id.Get(), "host-a");
  up = true;
  EXPECT_EQ(id.Get(), "vm-7") << "the server is asked again after a fallback";
  EXPECT_EQ(InstanceIdentity("local", Env({}), "host-b").Get(), "host-b");
}

}  // namespace
}  // namespace cloud_tasks::worker
