// The C++ library worker: each task in a forked process, every ending reported.

#include "worker/function_launcher.h"

#include <signal.h>

#include <cstdlib>
#include <stdexcept>

#include "worker/settings.h"
#include "worker/shared_flags.h"
#include "worker_test_util.h"

namespace cloud_tasks::worker {
namespace {

using testing::CollectingSink;

class TestContext : public WorkerContext {
 public:
  const WorkerSettings& settings() const override { return settings_; }
  const std::vector<std::string>& extra_args() const override { return extra_; }
  bool termination_notice_received() const override { return flags.termination_notice(); }
  bool shutdown_requested() const override { return flags.shutdown_requested(); }
  WorkerSettings settings_;
  std::vector<std::string> extra_{"--my-option"};
  SharedFlags flags;
};

struct LauncherRun {
  Result<WorkerStats> stats = InternalError("not run");
  CollectingSink sink;
};

void RunTasks(LauncherRun& out, const std::vector<std::string>& ids, TaskFunction fn,
              SupervisorOptions o = {}, std::optional<uint64_t> limit = std::nullopt) {
  TestContext context;
  size_t next = 0;
  auto source = MakeGeneratorTaskSource([&]() -> std::optional<WorkItem> {
    if (next >= ids.size()) return std::nullopt;
    std::string id = ids[next++];
    return WorkItem{id, R"({"n":)" + std::to_string(next) + "}", ""};
  });
  FunctionLauncher launcher({.handler = std::move(fn), .context = &context, .address_space_limit = limit});
  o.hostname = "h";
  o.kill_grace_seconds = 1;
  if (o.slots < 2) o.slots = 2;
  Supervisor supervisor(o, *source, launcher, out.sink);
  out.stats = supervisor.Run();
}

TEST(FunctionLauncher, DoneRetryAndDataReachTheHandler) {
  LauncherRun out;
  RunTasks(out, {"a", "b", "none"}, [](const Task& t, WorkerContext& ctx) {
    if (t.task_id == "b") return TaskResult::Retry({{"why", "later"}});
    if (t.task_id == "none") return TaskResult::Done();
    return TaskResult::Done({{"n", t.data["n"]}, {"extra", ctx.extra_args()[0]}});
  });
  ASSERT_TRUE(out.stats.ok());
  const Json* a = out.sink.ForTask("a");
  const Json* b = out.sink.ForTask("b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ((*a)["event_type"], "task_completed");
  EXPECT_EQ((*a)["retry"], false);
  EXPECT_EQ((*a)["result"], Json::parse(R"({"n":1,"extra":"--my-option"})"));
  EXPECT_EQ((*b)["retry"], true);
  EXPECT_EQ((*b)["result"]["why"], "later");
  // No result: written without the serialiser, read back as JSON null.
  const Json* none = out.sink.ForTask("none");
  ASSERT_TRUE(none);
  EXPECT_EQ((*none)["event_type"], "task_completed");
  EXPECT_EQ((*none)["retry"], false);
  ASSERT_TRUE(none->contains("result"));
  EXPECT_TRUE((*none)["result"].is_null());
  EXPECT_EQ(out.stats->completed, 2);
  EXPECT_EQ(out.stats->retried, 1);
}

TEST(FunctionLauncher, ExceptionBecomesTaskException) {
  LauncherRun out;
  SupervisorOptions o;
  o.retry_on_exception = true;
  RunTasks(
      out, {"a"}, [](const Task&, WorkerContext&) -> TaskResult { throw std::runtime_error("bad input 42"); },
      o);
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  EXPECT_EQ(out.sink.events[0]["event_type"], "task_exception");
  EXPECT_EQ(out.sink.events[0]["exception"], "bad input 42");
  EXPECT_EQ(out.sink.events[0]["retry"], true);
}

TEST(FunctionLauncher, MemoryLimitIsReportedAndNeverRetried) {
#ifdef __SANITIZE_ADDRESS__
  GTEST_SKIP()
      << "AddressSanitizer reserves terabytes of address space, so RLIMIT_AS cannot be tested under it";
#endif
  LauncherRun out;
  SupervisorOptions o;
  o.retry_on_exception = true;
  RunTasks(
      out, {"a"},
      [](const Task&, WorkerContext&) {
        std::vector<char> big(size_t{2} << 30);  // 2 GB under a 1 GB limit
        return TaskResult::Done(static_cast<int>(big.size()));
      },
      o, uint64_t{1} << 30);
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  EXPECT_EQ(out.sink.events[0]["event_type"], "task_exception");
  EXPECT_EQ(out.sink.events[0]["retry"], false);
  EXPECT_NE(out.sink.events[0]["exception"].get<std::string>().find("memory limit exceeded"),
            std::string::npos);
  EXPECT_EQ(out.stats->memory_exceeded, 1);
}

TEST(FunctionLauncher, CrashAndExitAreTaskExited) {
  LauncherRun out;
  RunTasks(out, {"segv", "exit3"}, [](const Task& t, WorkerContext&) -> TaskResult {
    if (t.task_id == "segv") {
      ::signal(SIGSEGV, SIG_DFL);  // a sanitizer's handler would turn the crash into exit 1
      ::raise(SIGSEGV);
    }
    std::exit(3);
  });
  ASSERT_TRUE(out.stats.ok());
  EXPECT_EQ((*out.sink.ForTask("segv"))["event_type"], "task_exited");
  EXPECT_EQ((*out.sink.ForTask("segv"))["exit_code"], -SIGSEGV);
  EXPECT_EQ((*out.sink.ForTask("exit3"))["exit_code"], 3);
  EXPECT_EQ(out.stats->exited, 2);
}

TEST(FunctionLauncher, InvalidUtf8ResultIsReportedAsSuch) {
  LauncherRun out;
  RunTasks(out, {"a"}, [](const Task&, WorkerContext&) { return TaskResult::Done(std::string("\xff\xfe")); });
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  EXPECT_EQ(out.sink.events[0]["event_type"], "task_exception");
  EXPECT_NE(out.sink.events[0]["exception"].get<std::string>().find("not valid JSON"), std::string::npos);
}

TEST(FunctionLauncher, LargeResultsArrive) {
  LauncherRun out;
  RunTasks(out, {"a"},
           [](const Task&, WorkerContext&) { return TaskResult::Done(std::string(1 << 20, 'x')); });
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  EXPECT_EQ(out.sink.events[0]["result"].get<std::string>().size(), size_t{1} << 20);
}

TEST(FunctionLauncher, TimeoutKillsTheTask) {
  LauncherRun out;
  SupervisorOptions o;
  o.max_runtime_seconds = 0.3;
  RunTasks(
      out, {"a"},
      [](const Task&, WorkerContext&) {
        ::signal(SIGTERM, SIG_IGN);
        for (;;) ::pause();
        return TaskResult::Done();
      },
      o);
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  EXPECT_EQ(out.sink.events[0]["event_type"], "task_timed_out");
  EXPECT_EQ(out.sink.events[0]["retry"], false);
}

}  // namespace
}  // namespace cloud_tasks::worker
