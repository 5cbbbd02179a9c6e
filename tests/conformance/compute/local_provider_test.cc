// LocalProvider with real processes: the startup script runs detached with the
// injected environment, its output and files are private, liveness follows the
// script's session (and is not fooled by a reused pid), terminate escalates to
// SIGKILL, Preempt posts a notice and kills later.

#include "compute/local/local_provider.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "compute/local/session.h"
#include "compute_test_util.h"
#include "core/files.h"
#include "core/json.h"
#include "core/strings.h"

namespace cloud_tasks::compute::local {
namespace {

using namespace std::chrono_literals;
using testing::Opts;
using testing::TempDir;
using testing::WaitFor;

int Mode(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
}

bool ProcessRuns(pid_t pid) {
  auto st = ReadProcStat(pid);
  return st && !IsDeadState(st->state);
}

class LocalProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LocalProviderOptions options;
    options.state_dir = dir_.path();
    options.terminate_grace = 300ms;
    auto p = LocalProvider::Create(options);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    provider_ = std::move(*p);
  }
  void TearDown() override {
    if (!provider_) return;
    auto all = provider_->ListInstances(Opts(std::nullopt, true));
    if (all.ok()) {
      for (const auto& i : *all) provider_->TerminateInstance(i.id).IgnoreError();
    }
  }

  Instance Start(const std::string& script, const std::string& job_id = "job-1") {
    InstanceSpec spec;
    spec.job_id = job_id;
    spec.instance_type = "local";
    spec.zone = "local";
    spec.startup_script = script;
    auto created = provider_->CreateInstance(spec);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : Instance{};
  }

  std::optional<InstanceState> State(const std::string& id) {
    auto listed = provider_->ListInstances(Opts(std::nullopt, true));
    if (!listed.ok()) return std::nullopt;
    for (const auto& i : *listed) {
      if (i.id == id) return i.state;
    }
    return std::nullopt;
  }

  bool Terminated(const std::string& id) { return State(id) == InstanceState::kTerminated; }

  std::string Read(const std::string& path) {
    auto text = ReadFileToString(path);
    return text.ok() ? *text : "";
  }

  TempDir dir_;
  std::unique_ptr<LocalProvider> provider_;
};

TEST_F(LocalProviderTest, CatalogDescribesThisHost) {
  LocalProviderOptions options;
  options.state_dir = dir_.path();
  options.price_per_hour = 0.5;
  options.vcpu = 3;
  options.mem_gb = 7.5;
  auto p = LocalProvider::Create(options);
  ASSERT_TRUE(p.ok());
  auto types = (*p)->ListInstanceTypes();
  ASSERT_TRUE(types.ok());
  ASSERT_EQ(types->size(), 1u);
  EXPECT_EQ(types->front().name, "local");
  EXPECT_EQ(types->front().vcpu, 3);
  EXPECT_EQ(types->front().mem_gb, 7.5);
  EXPECT_TRUE(types->front().supports_spot);
  EXPECT_EQ(types->front().cpu_rank, 0);
  auto catalog = (*p)->GetCatalog();
  ASSERT_TRUE(catalog.ok());
  ASSERT_EQ(catalog->types.size(), 1u);
  ASSERT_EQ(catalog->types.front().zones.size(), 1u);
  const ZonePrice& z = catalog->types.front().zones.front();
  EXPECT_EQ(z.zone, "local");
  EXPECT_EQ(z.on_demand, 0.5);
  EXPECT_EQ(z.spot, 0.5);
  EXPECT_TRUE(catalog->boot_disks.empty());
  EXPECT_EQ(*(*p)->ListRegions(), std::vector<std::string>{"local"});
  EXPECT_EQ(*(*p)->ListZones("local"), std::vector<std::string>{"local"});
  EXPECT_EQ((*p)->ListZones("us-east-1").status().code(), ErrorCode::kNotFound);
  auto images = (*p)->ListImages();
  ASSERT_TRUE(images.ok());
  ASSERT_EQ(images->size(), 1u);
  EXPECT_EQ(images->front().id, "host");
  EXPECT_FALSE(images->front().name.empty());

  auto defaults = provider_->ListInstanceTypes();
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->front().vcpu, static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN)));
  EXPECT_GT(defaults->front().mem_gb, 0);
}

TEST_F(LocalProviderTest, RejectsBadOptionsAndSpecs) {
  EXPECT_EQ(LocalProvider::Create(LocalProviderOptions{}).status().code(), ErrorCode::kInvalidArgument);
  InstanceSpec spec;
  spec.instance_type = "local";
  spec.zone = "us-east-1a";
  EXPECT_EQ(provider_->CreateInstance(spec).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(LocalProviderTest, ScriptRunsInItsDirectoryWithInjectedEnvironment) {
  Instance i = Start(
      "echo \"$RMS_CLOUD_TASKS_LOCAL_INSTANCE_ID\" > env.tmp\n"
      "echo \"$RMS_CLOUD_TASKS_LOCAL_INSTANCE_DIR\" >> env.tmp\n"
      "pwd >> env.tmp\n"
      "mv env.tmp env.txt\n",
      "job/with space");
  EXPECT_TRUE(StartsWith(i.id, "local-job_with_space-")) << i.id;
  std::string dir = provider_->InstanceDir(i.id);
  ASSERT_TRUE(WaitFor([&] { return FileExists(dir + "/env.txt"); }, 3s));
  EXPECT_EQ(Read(dir + "/env.txt"), i.id + "\n" + dir + "\n" + dir + "\n");
  EXPECT_TRUE(WaitFor([&] { return Terminated(i.id); }, 3s));  // the script exited
}

TEST_F(LocalProviderTest, OutputGoesToPrivateLogAndFilesArePrivate) {
  Instance i = Start("echo to-stdout\necho to-stderr >&2\nread -t 1 line || echo stdin-empty\n");
  std::string dir = provider_->InstanceDir(i.id);
  ASSERT_TRUE(WaitFor([&] { return Terminated(i.id); }, 3s));
  EXPECT_EQ(Read(dir + "/instance.log"), "to-stdout\nto-stderr\nstdin-empty\n");
  EXPECT_EQ(Mode(dir), 0700);
  EXPECT_EQ(Mode(dir_.path() + "/instances"), 0700);
  EXPECT_EQ(Mode(dir + "/instance.log"), 0600);
  EXPECT_EQ(Mode(dir + "/instance.json"), 0600);
  EXPECT_EQ(Mode(dir + "/startup.sh"), 0700);
}

TEST_F(LocalProviderTest, SleepingInstanceIsDetachedAndRunning) {
  Instance i = Start("sleep 30\n");
  auto record = provider_->LoadRecord(i.id);
  ASSERT_TRUE(record.ok());
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(State(i.id), InstanceState::kRunning);
  auto st = ReadProcStat(record->pid);
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->session, record->pid);  // leads its own session
  EXPECT_EQ(st->pgrp, record->pid);
  EXPECT_EQ(st->start_time, record->start_time);
  std::string stat_text = Read("/proc/" + std::to_string(record->pid) + "/stat");
  auto fields = SplitAny(stat_text.substr(stat_text.rfind(')') + 1), " ");
  EXPECT_NE(std::stoi(fields[1]), ::getpid());  // not our child
}

TEST_F(LocalProviderTest, BackgroundProcessKeepsInstanceAliveAndTerminateKillsIt) {
  // `set -m` puts the background job in its own process group, like the worker's tasks.
  Instance i = Start("set -m\nsleep 30 &\necho $! > child.pid\n");
  std::string dir = provider_->InstanceDir(i.id);
  ASSERT_TRUE(WaitFor([&] { return !Read(dir + "/child.pid").empty(); }, 3s));
  pid_t child = std::stoi(Read(dir + "/child.pid"));
  auto record = provider_->LoadRecord(i.id);
  ASSERT_TRUE(record.ok());
  ASSERT_TRUE(WaitFor([&] { return !ProcessRuns(record->pid); }, 3s));  // bash exited
  EXPECT_EQ(State(i.id), InstanceState::kRunning);
  ASSERT_TRUE(provider_->TerminateInstance(i.id).ok());
  EXPECT_FALSE(ProcessRuns(child));
  EXPECT_EQ(State(i.id), InstanceState::kTerminated);
}

TEST_F(LocalProviderTest, TerminateEscalatesToSigkillForScriptIgnoringSigterm) {
  Instance i = Start("trap '' TERM\necho ready > ready.txt\nwhile true; do sleep 0.05; done\n");
  std::string dir = provider_->InstanceDir(i.id);
  ASSERT_TRUE(WaitFor([&] { return FileExists(dir + "/ready.txt"); }, 3s));
  auto record = provider_->LoadRecord(i.id);
  ASSERT_TRUE(record.ok());
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(provider_->TerminateInstance(i.id).ok());
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2s);
  EXPECT_FALSE(ProcessRuns(record->pid));
  EXPECT_TRUE(Terminated(i.id));
  auto after = provider_->LoadRecord(i.id);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->terminated);
  EXPECT_TRUE(after->terminated_at.has_value());
}

TEST_F(LocalProviderTest, TerminateReturnsQuicklyWhenScriptHonoursSigterm) {
  Instance i = Start("sleep 30\n");
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(provider_->TerminateInstance(i.id).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 250ms);
}

TEST_F(LocalProviderTest, PreemptPostsNoticeThenKills) {
  Instance i = Start("sleep 30\n");
  std::string dir = provider_->InstanceDir(i.id);
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(provider_->Preempt(i.id, 300ms).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 200ms);  // does not wait for the kill
  std::string notice_path = dir + "/spot-notice";
  EXPECT_EQ(Mode(notice_path), 0600);
  Json notice = Json::parse(Read(notice_path));
  EXPECT_EQ(notice["action"], "terminate");
  EXPECT_TRUE(ParseIsoTime(notice["time"].get<std::string>()).ok()) << notice.dump();
  auto record = provider_->LoadRecord(i.id);
  ASSERT_TRUE(record.ok());
  EXPECT_TRUE(record->preempted);
  EXPECT_EQ(State(i.id), InstanceState::kRunning);  // still in its notice period
  ASSERT_TRUE(WaitFor([&] { return Terminated(i.id); }, 3s));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);
  EXPECT_FALSE(ProcessRuns(record->pid));
  EXPECT_EQ(provider_->Preempt(i.id, 0ms).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(provider_->Preempt("local-x-none", 0ms).code(), ErrorCode::kNotFound);
}

TEST_F(LocalProviderTest, RecordWithReusedPidIsNotLiveAndItsProcessIsSpared) {
  // A stranger in its own session stands in for an unrelated process that got the pid.
  pid_t stranger = ::fork();
  if (stranger == 0) {
    ::setsid();
    ::execl("/bin/sleep", "sleep", "30", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ASSERT_GT(stranger, 0);
  ASSERT_TRUE(WaitFor(
      [&] {
        auto st = ReadProcStat(stranger);
        return st && st->session == stranger;
      },
      2s));
  auto st = ReadProcStat(stranger);
  ASSERT_TRUE(st.has_value());

  InstanceStore store(dir_.path());
  for (bool same_start : {false, true}) {
    InstanceRecord record;
    record.id = same_start ? "local-job-1-match" : "local-job-1-reused";
    record.job_id = "job-1";
    record.instance_type = "local";
    record.zone = "local";
    record.created = NowUtc();
    record.pid = stranger;
    record.start_time = st->start_time + (same_start ? 0 : 1);
    ASSERT_TRUE(store.CreateInstanceDir(record.id).ok());
    ASSERT_TRUE(store.Save(record).ok());
  }
  // Terminated before any listing has recorded the death: the kill itself must spare it.
  ASSERT_TRUE(provider_->TerminateInstance("local-job-1-reused").ok());
  std::this_thread::sleep_for(50ms);
  EXPECT_TRUE(ProcessRuns(stranger));
  EXPECT_EQ(State("local-job-1-reused"), InstanceState::kTerminated);
  EXPECT_EQ(State("local-job-1-match"), InstanceState::kRunning);  // the rule itself works
  ::kill(stranger, SIGKILL);
  ::waitpid(stranger, nullptr, 0);
  EXPECT_TRUE(WaitFor([&] { return Terminated("local-job-1-match"); }, 2s));
}

TEST_F(LocalProviderTest, InstanceSurvivesItsManagerBeingKilled) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t manager = ::fork();
  if (manager == 0) {
    ::close(fds[0]);
    LocalProviderOptions options;
    options.state_dir = dir_.path();
    auto p = LocalProvider::Create(options);
    InstanceSpec spec;
    spec.job_id = "job-m";
    spec.instance_type = "local";
    spec.startup_script = "sleep 30\n";
    auto i = p.ok() ? (*p)->CreateInstance(spec) : Result<Instance>(p.status());
    std::string id = i.ok() ? i->id : "";
    ssize_t ignored = ::write(fds[1], id.data(), id.size());
    (void)ignored;
    ::close(fds[1]);
    ::pause();
    ::_exit(0);
  }
  ::close(fds[1]);
  char buf[256];
  ssize_t n = ::read(fds[0], buf, sizeof buf);
  ::close(fds[0]);
  ::kill(manager, SIGKILL);
  ::waitpid(manager, nullptr, 0);
  ASSERT_GT(n, 0);
  std::string id(buf, static_cast<size_t>(n));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(State(id), InstanceState::kRunning);
  ASSERT_TRUE(provider_->TerminateInstance(id).ok());
  EXPECT_EQ(State(id), InstanceState::kTerminated);
}

TEST_F(LocalProviderTest, ParsesProcStatWithAwkwardCommandNames) {
  auto st = ParseProcStat("123 (a) b (c)) S 1 456 789 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 98765 0 0\n");
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->state, 'S');
  EXPECT_EQ(st->pgrp, 456);
  EXPECT_EQ(st->session, 789);
  EXPECT_EQ(st->start_time, 98765u);
  EXPECT_FALSE(ParseProcStat("garbage").has_value());
}

}  // namespace
}  // namespace cloud_tasks::compute::local
