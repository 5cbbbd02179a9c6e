// Spot notices against a loopback metadata server that insists on the real protocol:
// IMDSv2 token for AWS, Metadata-Flavor: Google for GCP.

#include "worker/spot_notice.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "support/fake_http_server.h"
#include "worker_test_util.h"

namespace cloud_tasks::worker {
namespace {

using cloud_tasks::testing::FakeHttpServer;
using cloud_tasks::testing::HttpAnswer;
using cloud_tasks::testing::HttpRequestSeen;

EnvLookup Env(std::map<std::string, std::string> vars) { return testing::FakeEnv(std::move(vars)); }

// AWS IMDSv2: PUT token (with the TTL header), then the action only with that token.
HttpAnswer Imds(const HttpRequestSeen& r, bool notice) {
  if (r.method == "PUT" && r.path == "/latest/api/token") {
    if (!r.headers.count("x-aws-ec2-metadata-token-ttl-seconds")) return {400, "missing TTL"};
    return {200, "TOKEN123"};
  }
  if (r.method == "GET" && r.path == "/latest/meta-data/spot/instance-action") {
    auto it = r.headers.find("x-aws-ec2-metadata-token");
    if (it == r.headers.end() || it->second != "TOKEN123") return {401, ""};
    if (!notice) return {404, "Not Found"};
    return {200, R"({"action": "terminate", "time": "2026-11-28T01:00:00Z"})"};
  }
  return {404, ""};
}

TEST(SpotNotice, AwsUsesImdsV2TokenThenInstanceAction) {
  std::atomic<bool> notice{false};
  FakeHttpServer server([&](const HttpRequestSeen& r) { return Imds(r, notice); });
  auto checker =
      MakeSpotNoticeChecker("aws", Env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url() + "/"}}));
  ASSERT_NE(checker, nullptr);
  auto none = checker->Check();
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(*none);
  notice = true;
  auto yes = checker->Check();
  ASSERT_TRUE(yes.ok()) << yes.status().ToString();
  EXPECT_TRUE(*yes);
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[0].headers["x-aws-ec2-metadata-token-ttl-seconds"], "21600");
  EXPECT_EQ(seen[1].headers["x-aws-ec2-metadata-token"], "TOKEN123");
}

TEST(SpotNotice, GcpAsksPreemptedWithMetadataFlavor) {
  std::atomic<bool> preempted{false};
  FakeHttpServer server([&](const HttpRequestSeen& r) -> HttpAnswer {
    if (r.path != "/computeMetadata/v1/instance/preempted") return {404, ""};
    auto it = r.headers.find("metadata-flavor");
    if (it == r.headers.end() || it->second != "Google") return {403, "Missing Metadata-Flavor"};
    return {200, preempted ? "TRUE" : "FALSE"};
  });
  auto checker = MakeSpotNoticeChecker(
      "gcp", Env({{"GCE_METADATA_HOST", "127.0.0.1:" + std::to_string(server.port())}}));
  ASSERT_NE(checker, nullptr);
  auto no = checker->Check();
  ASSERT_TRUE(no.ok()) << no.status().ToString();
  EXPECT_FALSE(*no);
  preempted = true;
  auto yes = checker->Check();
  ASSERT_TRUE(yes.ok());
  EXPECT_TRUE(*yes);
}

TEST(SpotNotice, UnreachableServerIsAnErrorValueNotANotice) {
  auto checker = MakeSpotNoticeChecker("gcp", Env({{"GCE_METADATA_HOST", "127.0.0.1:1"}}), 500);
  auto r = checker->Check();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(MakeSpotNoticeChecker("local", Env({})), nullptr);
  EXPECT_EQ(MetadataBaseUrl("aws", Env({})), "http://169.254.169.254");
  EXPECT_EQ(MetadataBaseUrl("gcp", Env({})), "http://metadata.google.internal");
}

TEST(SpotNotice, SupervisorStopsTakingTasksOnANotice) {
  FakeHttpServer server([](const HttpRequestSeen& r) { return Imds(r, /*notice=*/true); });
  auto checker = MakeSpotNoticeChecker("aws", Env({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()}}));
  testing::TempFolder dir;
  testing::RunOutput out;
  SupervisorOptions o;
  o.slots = 1;
  o.notice_checker = checker.get();
  o.notice_check_interval = 0.05;
  testing::RunShell(out, dir, testing::TaskLines(5), "sleep 0.3", o);
  ASSERT_TRUE(out.stats.ok());
  EXPECT_TRUE(out.stats->termination_notice);
  ASSERT_EQ(out.sink.OfType("spot_termination").size(), 1u);
  EXPECT_LE(out.stats->completed, 1) << "at most the task already running may finish";
}

}  // namespace
}  // namespace cloud_tasks::worker

namespace cloud_tasks::worker {
namespace {

// A checker whose Check() hangs for 3 s (a metadata server that does not answer).
class HangingChecker : public SpotNoticeChecker {
 public:
  Result<bool> Check() override {
    std::this_thread::sleep_for(std::chrono::seconds(3));
    returned = true;
    return false;
  }
  std::atomic<bool> returned{false};
};

// Records, for each event, whether the hanging check had returned when it was emitted.
class WatchingSink : public EventSink {
 public:
  explicit WatchingSink(const HangingChecker& c) : checker(c) {}
  Status Emit(const Json&) override {
    emitted_while_hanging += checker.returned ? 0 : 1;
    return OkStatus();
  }
  const HangingChecker& checker;
  int emitted_while_hanging = 0;
};

TEST(SpotNotice, AHangingMetadataServerDoesNotStallTasks) {
  HangingChecker checker;
  WatchingSink sink(checker);
  testing::TempFolder dir;
  auto source = OpenFileTaskSource(dir.Write("t.jsonl", testing::TaskLines(6)));
  ASSERT_TRUE(source.ok());
  auto launcher = CommandLauncher::Create({.command = {"/bin/true"},
                                           .address_space_limit = std::nullopt,
                                           .task_output_dir = "",
                                           .scratch_dir = dir.path(),
                                           .extra_env = {}});
  ASSERT_TRUE(launcher.ok());
  SupervisorOptions o;
  o.slots = 2;
  o.hostname = "h";
  o.notice_checker = &checker;
  Supervisor supervisor(o, **source, **launcher, sink);
  auto stats = supervisor.Run();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->completed, 6);
  EXPECT_EQ(sink.emitted_while_hanging, 6) << "every task ended while the metadata check was still hanging";
}

}  // namespace
}  // namespace cloud_tasks::worker
