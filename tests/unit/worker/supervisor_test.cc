// The command runner against real processes: each way a task can end gives exactly one
// event with the right fields.

#include <signal.h>

#include <chrono>
#include <thread>

#include "core/time_util.h"
#include "worker_test_util.h"

namespace cloud_tasks::worker {
namespace {

using testing::RunOutput;
using testing::RunShell;
using testing::TaskLines;
using testing::TempFolder;

SupervisorOptions Opts(int slots = 2) {
  SupervisorOptions o;
  o.slots = slots;
  o.max_runtime_seconds = 30;
  o.kill_grace_seconds = 1;
  o.shutdown_grace_seconds = 5;
  return o;
}

void ExpectHeader(const Json& e, const std::string& type) {
  ASSERT_TRUE(e.is_object());
  auto it = e.begin();
  EXPECT_EQ(it.key(), "timestamp");
  EXPECT_TRUE(ParseIsoTime(it.value().get<std::string>()).ok());
  EXPECT_TRUE(it.value().get<std::string>().ends_with("+00:00"));
  ++it;
  EXPECT_EQ(it.key(), "hostname");
  EXPECT_EQ(it.value(), "test-host");
  ++it;
  EXPECT_EQ(it.key(), "event_type");
  EXPECT_EQ(it.value(), type);
}

TEST(Supervisor, SuccessWithResultFileStdinEnvAndPlaceholder) {
  TempFolder dir;
  RunOutput out;
  // Result: the task id from argv ($1), the data from the environment, the stdin JSON.
  RunShell(
      out, dir, TaskLines(3),
      R"(in=$(cat); printf '{"arg":"%s","data":%s,"stdin":%s,"id":"%s"}' "$1" "$RMS_CLOUD_TASKS_TASK_DATA" "$in" )"
      R"("$RMS_CLOUD_TASKS_TASK_ID" > "$RMS_CLOUD_TASKS_RESULT_FILE")",
      Opts());
  ASSERT_TRUE(out.stats.ok()) << out.stats.status().ToString();
  EXPECT_EQ(out.stats->completed, 3);
  ASSERT_EQ(out.sink.events.size(), 3u);
  const Json* e = out.sink.ForTask("t1");
  ASSERT_NE(e, nullptr);
  ExpectHeader(*e, "task_completed");
  EXPECT_EQ((*e)["retry"], false);
  EXPECT_GE((*e)["elapsed_time"].get<double>(), 0.0);
  EXPECT_EQ((*e)["result"]["arg"], "t1");
  EXPECT_EQ((*e)["result"]["id"], "t1");
  EXPECT_EQ((*e)["result"]["data"], Json::parse(R"({"i":1})"));
  EXPECT_EQ((*e)["result"]["stdin"], Json::parse(R"({"task_id":"t1","data":{"i":1}})"));
}

TEST(Supervisor, NoResultFileMeansNullResult) {
  TempFolder dir;
  RunOutput out;
  RunShell(out, dir, TaskLines(1), "exit 0", Opts());
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  EXPECT_TRUE(out.sink.events[0]["result"].is_null());
}

TEST(Supervisor, InvalidResultJsonIsReportedAsSuch) {
  TempFolder dir;
  RunOutput out;
  RunShell(out, dir, TaskLines(1), R"(echo '{not json' > "$RMS_CLOUD_TASKS_RESULT_FILE")", Opts());
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  ExpectHeader(out.sink.events[0], "task_exception");
  EXPECT_NE(out.sink.events[0]["exception"].get<std::string>().find("not valid JSON"), std::string::npos);
  EXPECT_EQ(out.stats->exceptions, 1);
}

TEST(Supervisor, Exit75AsksForRetry) {
  TempFolder dir;
  RunOutput out;
  RunShell(out, dir, TaskLines(1), "exit 75", Opts());
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  ExpectHeader(out.sink.events[0], "task_completed");
  EXPECT_EQ(out.sink.events[0]["retry"], true);
  EXPECT_EQ(out.stats->retried, 1);
  EXPECT_EQ(out.stats->completed, 0);
  EXPECT_EQ(out.stats->total(), 1);
}

TEST(Supervisor, OtherExitIsTaskExitedWithStderrTail) {
  TempFolder dir;
  RunOutput out;
  // 10,000 bytes of 'x' then a marker on stderr: only the last 4 KB are kept.
  RunShell(out, dir, TaskLines(1), "head -c 10000 /dev/zero | tr '\\0' x >&2; echo MARKER >&2; exit 3",
           Opts());
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  const Json& e = out.sink.events[0];
  ExpectHeader(e, "task_exited");
  EXPECT_EQ(e["exit_code"], 3);
  EXPECT_EQ(e["retry"], false);
  std::string tail = e["stderr"];
  EXPECT_LE(tail.size(), kStderrTailBytes);
  EXPECT_NE(tail.find("MARKER"), std::string::npos);
}

TEST(Supervisor, RetryOnExitReleasesTheTask) {
  TempFolder dir;
  RunOutput out;
  SupervisorOptions o = Opts();
  o.retry_on_exit = true;
  RunShell(out, dir, TaskLines(1), "exit 3", o);
  ASSERT_TRUE(out.stats.ok());
  EXPECT_EQ(out.sink.events[0]["retry"], true);
  EXPECT_EQ(out.stats->retried, 1);
}

TEST(Supervisor, SegfaultIsNegativeSignal) {
  TempFolder dir;
  RunOutput out;
  RunShell(out, dir, TaskLines(1), "kill -SEGV $$", Opts());
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  EXPECT_EQ(out.sink.events[0]["exit_code"], -SIGSEGV);
}

TEST(Supervisor, TimeoutTerminatesThenKillsEvenWhenSigtermIgnored) {
  TempFolder dir;
  RunOutput out;
  SupervisorOptions o = Opts();
  o.max_runtime_seconds = 0.3;
  o.retry_on_timeout = true;
  auto start = std::chrono::steady_clock::now();
  RunShell(out, dir, TaskLines(2), "trap '' TERM; sleep 30 & wait; sleep 30", o);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 2u);
  for (const auto& e : out.sink.events) {
    ExpectHeader(e, "task_timed_out");
    EXPECT_EQ(e["retry"], true);
    EXPECT_GE(e["elapsed_time"].get<double>(), 0.3);
  }
  EXPECT_EQ(out.stats->timed_out, 2);
  EXPECT_EQ(out.stats->retried, 2);
  EXPECT_EQ(out.stats->total(), 2);
  EXPECT_LT(took, 20.0) << "SIGKILL after the grace must end a task that ignores SIGTERM";
}

TEST(Supervisor, MemoryLimitAppliesToTheTask) {
  TempFolder dir;
  RunOutput out;
  // 512 MB address-space limit; python asks for 2 GB and fails with MemoryError (exit 1).
  RunShell(out, dir, TaskLines(1), "exec python3 -c 'x = bytearray(2 * 1024**3)'", Opts(),
           uint64_t{512} * 1024 * 1024);
  ASSERT_TRUE(out.stats.ok());
  ASSERT_EQ(out.sink.events.size(), 1u);
  EXPECT_EQ(out.sink.events[0]["event_type"], "task_exited");
  EXPECT_EQ(out.sink.events[0]["exit_code"], 1);
  EXPECT_NE(out.sink.events[0]["stderr"].get<std::string>().find("MemoryError"), std::string::npos);
}

TEST(Supervisor, SkipAndCapReleaseAndStop) {
  TempFolder dir;
  RunOutput out;
  SupervisorOptions o = Opts(1);
  o.tasks_to_skip = 2;
  o.max_num_tasks = 3;
  RunShell(out, dir, TaskLines(10), "exit 0", o);
  ASSERT_TRUE(out.stats.ok());
  EXPECT_EQ(out.stats->completed, 3);
  ASSERT_EQ(out.sink.events.size(), 3u);
  EXPECT_EQ(out.sink.events[0]["task_id"], "t2");
  EXPECT_EQ(out.sink.events[2]["task_id"], "t4");
  EXPECT_GE(out.stats->skipped, 2);  // the two skipped; surplus received is released too
}

TEST(Supervisor, ParallelSlotsAreUsed) {
  TempFolder dir;
  RunOutput out;
  // Each task marks itself started, then succeeds only once all four have started: this
  // can only happen when four run at the same time.
  std::string marks = dir.path() + "/marks";
  std::filesystem::create_directories(marks);
  RunShell(out, dir, TaskLines(4),
           "touch " + marks + "/$1; i=0; while [ $i -lt 200 ]; do [ $(ls " + marks +
               " | wc -l) -ge 4 ] && exit 0; sleep 0.05; i=$((i+1)); done; exit 1",
           Opts(4));
  ASSERT_TRUE(out.stats.ok());
  EXPECT_EQ(out.stats->completed, 4);
}

TEST(Supervisor, SigtermStopsTakingTasksAndCutsOffAfterGrace) {
  TempFolder dir;
  RunOutput out;
  SupervisorOptions o = Opts(2);
  o.shutdown_grace_seconds = 0.5;
  std::thread signaller([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    ::kill(::getpid(), SIGTERM);
  });
  RunShell(out, dir, TaskLines(6), "sleep 30", o);
  signaller.join();
  ASSERT_TRUE(out.stats.ok());
  EXPECT_TRUE(out.stats->interrupted);
  ASSERT_EQ(out.sink.events.size(), 2u) << "only the two running tasks were started";
  for (const auto& e : out.sink.events) {
    ExpectHeader(e, "task_exited");
    EXPECT_EQ(e["retry"], true);
    EXPECT_EQ(e["exit_code"], -SIGTERM);
  }
  EXPECT_EQ(out.stats->cut_off, 2);
  EXPECT_EQ(out.stats->retried, 2);
}

TEST(Supervisor, SimulatedSpotNoticeStopsNewTasksAndKillsAfterDelay) {
  TempFolder dir;
  RunOutput out;
  SupervisorOptions o = Opts(2);
  o.simulate_notice_after = 0.2;
  o.simulate_kill_delay = 0.3;
  bool told = false;
  o.on_termination_notice = [&told] { told = true; };
  RunShell(out, dir, TaskLines(6), "sleep 30", o);
  ASSERT_TRUE(out.stats.ok());
  EXPECT_TRUE(told);
  EXPECT_TRUE(out.stats->termination_notice);
  ASSERT_EQ(out.sink.OfType("spot_termination").size(), 1u);
  ExpectHeader(out.sink.OfType("spot_termination")[0], "spot_termination");
  auto exited = out.sink.OfType("task_exited");
  ASSERT_EQ(exited.size(), 2u) << "only the two tasks running at the notice were started";
  for (const auto& e : exited) {
    EXPECT_EQ(e["retry"], true);
    EXPECT_NE(e["exception"].get<std::string>().find("spot termination"), std::string::npos);
  }
}

TEST(Supervisor, SimulatedNoticeLetsRunningTasksFinish) {
  TempFolder dir;
  RunOutput out;
  SupervisorOptions o = Opts(1);
  o.simulate_notice_after = 0.1;
  RunShell(out, dir, TaskLines(3), "sleep 0.5", o);
  ASSERT_TRUE(out.stats.ok());
  EXPECT_EQ(out.stats->completed, 1) << "the running task finishes normally; no new task starts";
  EXPECT_EQ(out.sink.OfType("spot_termination").size(), 1u);
}

TEST(CommandLauncher, MissingProgramIsAStartupError) {
  auto launcher = CommandLauncher::Create({.command = {"no-such-program-xyz"},
                                           .address_space_limit = std::nullopt,
                                           .task_output_dir = "",
                                           .scratch_dir = "/tmp",
                                           .extra_env = {}});
  ASSERT_FALSE(launcher.ok());
  EXPECT_NE(launcher.status().message().find("not found in PATH"), std::string::npos);
}

TEST(CommandLauncher, PlaceholderAndSafeNames) {
  EXPECT_EQ(ReplaceTaskId("in/{task_id}.txt:{task_id}", "a1"), "in/a1.txt:a1");
  EXPECT_EQ(SafeFileName("a/b c"), "a_b_c");
  EXPECT_EQ(SafeFileName("..x"), "_..x");
}

}  // namespace
}  // namespace cloud_tasks::worker
