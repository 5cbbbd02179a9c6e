// Whole jobs on the local provider through the real binary: real instance processes,
// real worker processes, real queue and job database files. In each test every task
// must end terminal exactly once in the job database and none may be lost.

#include <gtest/gtest.h>
#include <pty.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "compute/local/local_provider.h"
#include "support/run_process.h"

namespace cloud_tasks {
namespace {

using testing::ProcessResult;
using testing::RunProcess;
namespace fs = std::filesystem;

const std::string kBinary = std::string(CT_BINARY_DIR) + "/cloud_tasks";

// The session-leader pids recorded in `<state>/instances/*/instance.json`.
std::vector<pid_t> InstancePids(const fs::path& state) {
  std::vector<pid_t> pids;
  std::error_code ec;
  for (const auto& d : fs::directory_iterator(state / "instances", ec)) {
    std::ifstream in(d.path() / "instance.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto at = text.find("\"pid\":");
    if (at != std::string::npos) pids.push_back(std::atoi(text.c_str() + at + 6));
  }
  return pids;
}

// True while `pid` exists and is not a zombie (orphaned instances are reparented to
// an init that may reap them late).
bool Running(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto paren = text.rfind(')');
  return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] != 'Z';
}

struct JobDir {
  JobDir() {
    path = fs::path(::testing::TempDir()) /
           ("ct_job_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~JobDir() {
    // Never leave instances behind, whatever the test did.
    for (pid_t pid : InstancePids(path / "state"))
      if (pid > 1) ::kill(-pid, SIGKILL);
    fs::remove_all(path);
  }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
  std::string File(const std::string& name) const { return (path / name).string(); }
  static inline int counter = 0;
  fs::path path;
};

std::string Tasks(int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += R"({"task_id": "t)" + std::to_string(i) + R"(", "data": {"i": )" + std::to_string(i) + "}}\n";
  return s;
}

// A config whose instances run `command` (a shell command line) for each task.
std::string Config(const std::string& job, const std::string& command, const std::string& extra = "") {
  return "provider: local\nlocal:\n  job_id: " + job +
         "\n  state_dir: state\n  max_instances: 2\n  scaling_check_interval: 1\n  keepalive_interval: 1\n"
         "  instance_termination_delay: 1\n" +
         extra + "  startup_script: |\n    #!/bin/bash\n    exec " + kBinary + " worker -- /bin/sh -c '" +
         command + "'\n";
}

// task_id → (final status, number of terminal events).
std::map<std::string, std::pair<std::string, int>> Outcomes(const std::string& db_path) {
  std::map<std::string, std::pair<std::string, int>> out;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);  // a handle is allocated even when opening fails
    return out;
  }
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT task_id, status FROM tasks", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = {
        reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), 0};
  sqlite3_finalize(st);
  sqlite3_prepare_v2(
      db,
      "SELECT task_id, COUNT(*) FROM events WHERE event_type IN ('task_completed', "
      "'task_exception', 'task_timed_out', 'task_exited') AND raw_event NOT LIKE '%\"retry\": true%' "
      "AND raw_event NOT LIKE '%\"retry\":true%' GROUP BY task_id",
      -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))].second = sqlite3_column_int(st, 1);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

int CountStatus(const std::string& db_path, const std::string& status) {
  int n = 0;
  for (const auto& [id, o] : Outcomes(db_path)) n += o.first == status;
  return n;
}

void ExpectAllCompletedOnce(const std::string& db_path, int n) {
  auto outcomes = Outcomes(db_path);
  ASSERT_EQ(outcomes.size(), static_cast<size_t>(n));
  for (const auto& [id, o] : outcomes) {
    EXPECT_EQ(o.first, "completed") << id;
    EXPECT_EQ(o.second, 1) << id << " has " << o.second << " terminal events";
  }
}

// Starts the manager in the background; returns its pid.
pid_t StartManager(const JobDir& d, const std::vector<std::string>& args) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(d.path.c_str()) != 0) ::_exit(126);
    std::string log = (d.path / "manager.log").string();
    FILE* f = std::freopen(log.c_str(), "a", stderr);
    (void)f;
    ::dup2(2, 1);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid, int seconds) {
  for (int i = 0; i < seconds * 10; ++i) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return -1;
}

bool WaitFor(const std::function<bool()>& cond, int seconds) {
  for (int i = 0; i < seconds * 10; ++i) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

TEST(LocalJob, RunsEveryTaskOnceAndCleansUp) {
  JobDir d;
  d.Write("config.yml", Config("itest", "echo {\\\"ok\\\": 1} > \"$RMS_CLOUD_TASKS_RESULT_FILE\""));
  d.Write("tasks.jsonl", Tasks(60));
  ProcessResult r =
      RunProcess({kBinary, "run", "--config", "config.yml", "--task-file", "tasks.jsonl"}, d.path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("*** JOB COMPLETE ***"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Completed: 60"), std::string::npos) << r.out;
  ExpectAllCompletedOnce(d.File("itest.db"), 60);
  EXPECT_FALSE(fs::exists(d.path / "state" / "queues" / "itest.queue.db"));
  EXPECT_FALSE(fs::exists(d.path / "state" / "queues" / "itest-events.queue.db"));
}

TEST(LocalJob, DryRunPrintsThePlanAndTouchesNothing) {
  JobDir d;
  d.Write("config.yml", Config("itest", "true", "  price_per_hour: 0.25\n"));
  d.Write("tasks.jsonl", Tasks(10));
  ProcessResult r = RunProcess(
      {kBinary, "run", "--config", "config.yml", "--task-file", "tasks.jsonl", "--dry-run"}, d.path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Selected local in local at $0.250000/hour"), std::string::npos) << r.out;
  // The configured local price, twice: 2 instances (max_instances in Config).
  EXPECT_NE(r.out.find("Planned pool: 2 instances of local"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("$0.5000/hour (limited by"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("export RMS_CLOUD_TASKS_JOB_ID='itest'"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(d.path / "itest.db"));
  EXPECT_FALSE(fs::exists(d.path / "state" / "queues"));
}

TEST(LocalJob, AbortsWhenNoInstanceEverSendsAKeepAlive) {
  JobDir d;
  std::string config =
      "provider: local\nlocal:\n  job_id: itest\n  state_dir: state\n  max_instances: 1\n"
      "  scaling_check_interval: 1\n  keepalive_startup_timeout: 2\n"
      "  startup_script: |\n    #!/bin/bash\n    sleep 600\n";
  d.Write("config.yml", config);
  d.Write("tasks.jsonl", Tasks(3));
  ProcessResult r =
      RunProcess({kBinary, "run", "--config", "config.yml", "--task-file", "tasks.jsonl"}, d.path.string());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("No keep-alive event was received from any of the 1 instance(s) within 2 seconds"),
            std::string::npos)
      << r.err;
  // Nothing lost: the tasks are still in the database and the queue, for --continue.
  EXPECT_EQ(CountStatus(d.File("itest.db"), "in_queue_original"), 3);
  EXPECT_TRUE(fs::exists(d.path / "state" / "queues" / "itest.queue.db"));
}

// The manager is SIGKILLed mid-job; `run --continue` finishes the job from the database
// and the queues, and no task is lost or recorded twice.
TEST(LocalJob, ManagerKilledAndResumedWithContinue) {
  JobDir d;
  d.Write("config.yml", Config("itest", "sleep 0.2; echo 1 > \"$RMS_CLOUD_TASKS_RESULT_FILE\""));
  d.Write("tasks.jsonl", Tasks(40));
  pid_t manager = StartManager(d, {kBinary, "run", "--config", "config.yml", "--task-file", "tasks.jsonl"});
  std::string db = d.File("itest.db");
  ASSERT_TRUE(WaitFor([&] { return CountStatus(db, "completed") >= 5; }, 60));
  ::kill(manager, SIGKILL);
  ::waitpid(manager, nullptr, 0);
  int before = CountStatus(db, "completed");
  EXPECT_LT(before, 40);
  ProcessResult r = RunProcess({kBinary, "run", "--config", "config.yml", "--continue"}, d.path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  ExpectAllCompletedOnce(db, 40);
}

// An instance is SIGKILLed with its worker mid-run: a replacement starts, the tasks it
// held come back when their leases end, and the job completes.
TEST(LocalJob, KilledInstanceIsReplacedAndItsTasksAreRedone) {
  JobDir d;
  d.Write("config.yml", Config("itest", "sleep 0.3; echo 1 > \"$RMS_CLOUD_TASKS_RESULT_FILE\"",
                               "  max_runtime: 2\n  keepalive_timeout: 3\n"));
  d.Write("tasks.jsonl", Tasks(30));
  pid_t manager = StartManager(d, {kBinary, "run", "--config", "config.yml", "--task-file", "tasks.jsonl"});
  std::string db = d.File("itest.db");
  ASSERT_TRUE(WaitFor([&] { return CountStatus(db, "completed") >= 3; }, 60));
  // Kill the first instance's whole session (its bash, worker and tasks).
  std::vector<pid_t> pids = InstancePids(d.path / "state");
  ASSERT_FALSE(pids.empty());
  pid_t victim = pids.front();
  ASSERT_GT(victim, 1);
  ::kill(-victim, SIGKILL);
  int rc = WaitExit(manager, 120);
  EXPECT_EQ(rc, 0) << "manager log in " << d.File("manager.log");
  ExpectAllCompletedOnce(db, 30);
}

// A spot instance is preempted (notice first, then killed): its worker sees the notice,
// reports spot_termination and takes no new task; a replacement finishes the job.
TEST(LocalJob, PreemptedInstanceIsReplaced) {
  JobDir d;
  d.Write("config.yml", Config("itest", "sleep 0.5; echo 1 > \"$RMS_CLOUD_TASKS_RESULT_FILE\"",
                               "  use_spot: true\n  max_runtime: 2\n"));
  d.Write("tasks.jsonl", Tasks(80));
  pid_t manager = StartManager(d, {kBinary, "run", "--config", "config.yml", "--task-file", "tasks.jsonl"});
  std::string db = d.File("itest.db");
  ASSERT_TRUE(WaitFor([&] { return CountStatus(db, "completed") >= 3; }, 60));
  compute::local::LocalProviderOptions o;
  o.state_dir = (d.path / "state").string();
  auto provider = compute::local::LocalProvider::Create(o);
  ASSERT_TRUE(provider.ok()) << provider.status().ToString();
  compute::ListInstancesOptions job;
  job.job_id = "itest";
  auto listed = (*provider)->ListInstances(job);
  ASSERT_TRUE(listed.ok() && !listed->empty());
  ASSERT_TRUE((*provider)->Preempt(listed->front().id, std::chrono::milliseconds(7000)).ok());
  int rc = WaitExit(manager, 120);
  EXPECT_EQ(rc, 0) << "manager log in " << d.File("manager.log");
  ExpectAllCompletedOnce(db, 80);
  int instances = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(d.path / "state" / "instances")) ++instances;
  EXPECT_GE(instances, 3) << "the preempted instance was not replaced";
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(raw, "SELECT COUNT(*) FROM events WHERE event_type = 'spot_termination'", -1, &st,
                     nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_GE(sqlite3_column_int(st, 0), 1);
  sqlite3_finalize(st);
  sqlite3_close(raw);
}

// Ctrl+C without a terminal leaves the instances and queues in place (the menu's L);
// `--continue` then finishes the job.
TEST(LocalJob, InterruptLeavesTheJobResumable) {
  JobDir d;
  d.Write("config.yml", Config("itest", "sleep 0.2; echo 1 > \"$RMS_CLOUD_TASKS_RESULT_FILE\""));
  d.Write("tasks.jsonl", Tasks(40));
  pid_t manager = StartManager(d, {kBinary, "run", "--config", "config.yml", "--task-file", "tasks.jsonl"});
  std::string db = d.File("itest.db");
  ASSERT_TRUE(WaitFor([&] { return CountStatus(db, "completed") >= 3; }, 60));
  ::kill(manager, SIGINT);
  EXPECT_EQ(WaitExit(manager, 30), 0);
  std::ifstream log(d.File("manager.log"));
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Database saved to: itest.db"), std::string::npos) << text;
  EXPECT_TRUE(fs::exists(d.path / "state" / "queues" / "itest.queue.db"));
  ProcessResult r = RunProcess({kBinary, "run", "--config", "config.yml", "--continue"}, d.path.string());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  ExpectAllCompletedOnce(db, 40);
}

// The manager on a terminal (a pseudo-terminal): one live progress line, and Ctrl+C
// typed at the keyboard opens the T/L/C menu; C continues, T terminates everything.
class TerminalSession {
 public:
  TerminalSession(const JobDir& d, const std::vector<std::string>& args) {
    pid_ = ::forkpty(&master_, nullptr, nullptr, nullptr);
    if (pid_ == 0) {
      if (::chdir(d.path.c_str()) != 0) ::_exit(126);
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    reader_ = std::thread([this] {
      char buf[4096];
      for (;;) {
        ssize_t n = ::read(master_, buf, sizeof buf);
        if (n <= 0) return;  // EIO once the child side is closed
        std::lock_guard lock(mu_);
        output_.append(buf, static_cast<size_t>(n));
      }
    });
  }
  ~TerminalSession() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (reader_.joinable()) {
      ::close(master_);
      reader_.join();
    }
  }
  void Type(const std::string& keys) {
    ASSERT_EQ(::write(master_, keys.data(), keys.size()), (ssize_t)keys.size());
  }
  std::string Output() {
    std::lock_guard lock(mu_);
    return output_;
  }
  // Waits until `text` appears at least `times` times in the output.
  bool WaitForText(const std::string& text, int times, int seconds) {
    return WaitFor(
        [&] {
          std::string out = Output();
          int n = 0;
          for (size_t at = out.find(text); at != std::string::npos; at = out.find(text, at + 1)) ++n;
          return n >= times;
        },
        seconds);
  }
  int Wait(int seconds) {
    int code = WaitExit(pid_, seconds);
    exited_ = true;
    return code;
  }

 private:
  pid_t pid_ = -1;
  int master_ = -1;
  bool exited_ = false;
  std::thread reader_;
  std::mutex mu_;
  std::string output_;
};

TEST(LocalJob, TerminalMenuContinueThenTerminate) {
  JobDir d;
  d.Write("config.yml", Config("ttest", "sleep 0.2; echo 1 > \"$RMS_CLOUD_TASKS_RESULT_FILE\""));
  d.Write("tasks.jsonl", Tasks(400));
  std::string db = d.File("ttest.db");
  TerminalSession term(d, {kBinary, "run", "--config", "config.yml", "--task-file", "tasks.jsonl"});
  ASSERT_TRUE(WaitFor([&] { return CountStatus(db, "completed") >= 3; }, 60)) << term.Output();
  term.Type("\x03");  // Ctrl+C through the terminal's line discipline
  ASSERT_TRUE(term.WaitForText("Enter choice (T/L/C): ", 1, 30)) << term.Output();
  term.Type("C\n");
  int before = CountStatus(db, "completed");
  EXPECT_TRUE(WaitFor([&] { return CountStatus(db, "completed") >= before + 5; }, 60)) << term.Output();
  term.Type("\x03");
  ASSERT_TRUE(term.WaitForText("Enter choice (T/L/C): ", 2, 30)) << term.Output();
  term.Type("T\n");
  ASSERT_TRUE(term.WaitForText("Dump? (Y/N): ", 1, 60)) << term.Output();
  term.Type("n\n");
  EXPECT_EQ(term.Wait(30), 0) << term.Output();
  std::string out = term.Output();
  EXPECT_NE(out.find("Job terminated"), std::string::npos) << out;
  EXPECT_NE(out.find("\r\033[K"), std::string::npos) << "no live progress line: " << out;
  EXPECT_NE(out.find("tasks done"), std::string::npos) << out;
  // Everything is gone: instance processes and both queues.
  for (pid_t pid : InstancePids(d.path / "state"))
    EXPECT_FALSE(Running(pid)) << "instance " << pid << " alive";
  EXPECT_FALSE(fs::exists(d.path / "state" / "queues" / "ttest.queue.db"));
  EXPECT_FALSE(fs::exists(d.path / "state" / "queues" / "ttest-events.queue.db"));
  EXPECT_LT(CountStatus(db, "completed"), 400);
}

}  // namespace
}  // namespace cloud_tasks
