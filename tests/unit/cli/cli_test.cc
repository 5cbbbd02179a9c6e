// The `cloud_tasks` program as a user runs it: a real process, its exit status and output.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_test_util.h"

namespace cloud_tasks::cli {
namespace {

using cloud_tasks::testing::ProcessResult;
using cloud_tasks::testing::RunProcess;
using testing::Cli;
using testing::TempDir;

TEST(Cli, HelpListsEveryCommandAndExitsZero) {
  ProcessResult r = Cli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* c : {"run", "status", "stop", "monitor_event_queue", "load_queue", "show_queue",
                        "purge_queue", "delete_queue", "list_running_instances", "list_regions",
                        "list_images", "list_instance_types", "worker", "validate_task_file"})
    EXPECT_NE(r.out.find(c), std::string::npos) << c;
}

TEST(Cli, CommandHelpListsOptionsWithDefaults) {
  ProcessResult r = Cli({"run", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* opt : {"--max-instances", "--use-spot", "--no-use-spot", "--instance-types", "--task-file",
                          "--start-task", "--dry-run", "--continue", "--max-runtime", "--retry-on-timeout",
                          "--min-memory-per-task", "--local-ssd-base-size", "--db-file", "--output-file"})
    EXPECT_NE(r.out.find(opt), std::string::npos) << opt;
  EXPECT_NE(r.out.find("(default: 10)"), std::string::npos);
  EXPECT_NE(r.out.find("(default: 3600)"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(Cli({}).exit_code, 2);
  EXPECT_EQ(Cli({"no_such_command"}).exit_code, 2);
  EXPECT_EQ(Cli({"run", "--no-such-option"}).exit_code, 2);
  EXPECT_EQ(Cli({"run", "--max-instances", "many"}).exit_code, 2);
  EXPECT_EQ(Cli({"purge_queue", "--task-queue-only", "--event-queue-only"}).exit_code, 2);
  ProcessResult ambiguous = Cli({"run", "--max", "3"});
  EXPECT_EQ(ambiguous.exit_code, 2);
  EXPECT_NE(ambiguous.err.find("ambiguous option: --max"), std::string::npos);
}

TEST(Cli, UnambiguousPrefixesWorkLikeArgparse) {
  TempDir dir;
  std::string tasks = dir.Write("t.json", R"([{"task_id": "a", "data": {}}])");
  ProcessResult r = Cli({"validate_task_file", "--task-f", tasks});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 tasks, no errors"), std::string::npos);
}

TEST(Cli, InvalidConfigurationExitsOneWithTheReason) {
  TempDir dir;
  std::string cfg = dir.Write("c.yml", "gcp:\n  min_cpu: 16\n  max_cpu: 8\n  job_id: j1\n");
  ProcessResult r = Cli({"status", "--config", cfg, "--provider", "gcp"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Invalid configuration: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("min_cpu"), std::string::npos) << r.err;

  ProcessResult bad_flag = Cli({"run", "--max-instances", "0", "--job-id", "j1", "--task-file", "x.json"});
  EXPECT_EQ(bad_flag.exit_code, 1);
  EXPECT_NE(bad_flag.err.find("--max-instances"), std::string::npos) << bad_flag.err;

  ProcessResult no_job = Cli({"status"});
  EXPECT_EQ(no_job.exit_code, 1);
  EXPECT_NE(no_job.err.find("job id is required"), std::string::npos) << no_job.err;
}

TEST(Cli, UnbuiltCapabilitiesSaySoInOneLineAndExitOne) {
  for (std::vector<std::string> args :
       {std::vector<std::string>{"status", "--job-id", "j1", "--provider", "aws"},
        {"list_running_instances", "--job-id", "j1", "--provider", "gcp"},
        {"list_regions", "--provider", "gcp"},
        {"show_queue", "--job-id", "j1", "--provider", "aws"},
        {"purge_queue", "--job-id", "j1", "--task-queue-only", "-f", "--provider", "gcp"},
        {"list_instance_types", "--provider", "aws"}}) {
    ProcessResult r = Cli(args);
    EXPECT_EQ(r.exit_code, 1) << args[0];
    EXPECT_NE(r.err.find("not built yet"), std::string::npos) << args[0] << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(Cli, RunValidatesTheTaskFileBeforeAnythingElse) {
  TempDir dir;
  std::string tasks = dir.Write("t.json", R"([{"task_id": "a", "data": {}}, {"task_id": "a", "data": {}}])");
  ProcessResult r = Cli({"run", "--job-id", "j1", "--task-file", tasks});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("duplicate"), std::string::npos) << r.err;

  ProcessResult missing = Cli({"run", "--job-id", "j1"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("--task-file is required"), std::string::npos);

  ProcessResult no_db = Cli({"run", "--job-id", "j1", "--continue"}, dir.path());
  EXPECT_EQ(no_db.exit_code, 1);
  EXPECT_NE(no_db.err.find("Database file 'j1.db' does not exist."), std::string::npos) << no_db.err;
}

TEST(Cli, WorkerRunsAProgramPerTaskAndWritesEvents) {
  TempDir dir;
  std::string tasks = dir.Write(
      "t.jsonl", "{\"task_id\": \"a\", \"data\": {\"x\": 1}}\n{\"task_id\": \"b\", \"data\": {}}\n");
  std::string log = dir.path() + "/events.log";
  ProcessResult r = Cli({"worker", "--task-file", tasks, "--event-log-file", log, "--num-simultaneous-tasks",
                         "2", "--", "/bin/sh", "-c", "test \"$1\" = a", "sh", "{task_id}"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("Completed: 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Exited: 1"), std::string::npos) << r.err;
  std::ifstream in(log);
  std::string all((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(all.find(R"("event_type":"task_completed","task_id":"a")"), std::string::npos) << all;
  EXPECT_NE(all.find(R"("event_type":"task_exited","task_id":"b")"), std::string::npos) << all;
  EXPECT_EQ(std::filesystem::status(log).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST(Cli, WorkerStartupErrorsExitOne) {
  ProcessResult no_source = Cli({"worker", "--", "/bin/true"});
  EXPECT_EQ(no_source.exit_code, 1);
  EXPECT_NE(no_source.err.find("no task source"), std::string::npos) << no_source.err;
  TempDir dir;
  std::string tasks = dir.Write("t.json", "[]");
  ProcessResult no_program = Cli({"worker", "--task-file", tasks, "--", "no-such-program-xyz"});
  EXPECT_EQ(no_program.exit_code, 1);
  EXPECT_NE(no_program.err.find("not found in PATH"), std::string::npos) << no_program.err;
}

}  // namespace
}  // namespace cloud_tasks::cli

namespace cloud_tasks::cli {
namespace {

TEST(Cli, LoadQueueContinueReportsTheDatabase) {
  TempDir dir;
  // A database written with the sqlite3 shell in the original's layout (no cloud_tasks code).
  std::string sql =
      dir.Write("make.sql",
                "CREATE TABLE tasks (task_id TEXT PRIMARY KEY, task_data TEXT, status TEXT, retry BOOLEAN,"
                " enqueued_at TIMESTAMP, started_at TIMESTAMP, completed_at TIMESTAMP, elapsed_time REAL,"
                " hostname TEXT, result TEXT, exception TEXT, exit_code INTEGER);"
                "CREATE INDEX idx_task_status ON tasks(status);"
                "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp TIMESTAMP,"
                " hostname TEXT, event_type TEXT, task_id TEXT, raw_event TEXT);"
                "CREATE INDEX idx_event_task_id ON events(task_id);"
                "INSERT INTO tasks (task_id, task_data, status, elapsed_time) VALUES"
                " ('a', '{}', 'completed', 2.0), ('b', '{}', 'in_queue_original', NULL);");
  ProcessResult made = RunProcess({"/bin/sh", "-c", "sqlite3 j1.db < make.sql"}, dir.path());
  if (made.exit_code != 0) GTEST_SKIP() << "sqlite3 shell not available: " << made.err;
  ProcessResult r = Cli({"load_queue", "--job-id", "j1", "--continue"}, dir.path());
  EXPECT_NE(r.out.find("Database: j1.db (2 tasks)"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("Status:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Still in original queue: 1"), std::string::npos) << r.out;
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Failed to get queue depth"), std::string::npos) << r.out;  // no such queue here
}

// load_queue, show_queue, purge_queue and delete_queue on the local provider.
TEST(Cli, LocalQueueCommands) {
  TempDir dir;
  dir.Write("t.jsonl", "{\"task_id\": \"a\", \"data\": {\"x\": 1}}\n{\"task_id\": \"b\", \"data\": {}}\n");
  std::vector<std::string> job = {"--job-id", "qjob", "--provider", "local"};
  auto with = [&](std::vector<std::string> a) {
    a.insert(a.end(), job.begin(), job.end());
    return Cli(a, dir.path());
  };
  ProcessResult load = with({"load_queue", "--task-file", "t.jsonl"});
  ASSERT_EQ(load.exit_code, 0) << load.out << load.err;
  EXPECT_NE(load.out.find("Queue depth: 2"), std::string::npos) << load.out;
  // Loading again would replace a non-empty queue: refused without a terminal or --force.
  ProcessResult again = with({"load_queue", "--task-file", "t.jsonl"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("Operation cancelled."), std::string::npos) << again.out << again.err;
  ProcessResult show = with({"show_queue", "--detail"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("Queue depth: 2"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("Task ID: a"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("Message was not removed"), std::string::npos) << show.out;
  EXPECT_NE(with({"show_queue"}).out.find("Queue depth: 2 (2 waiting"), std::string::npos);
  ProcessResult purge = with({"purge_queue", "--task-queue-only", "-f"});
  ASSERT_EQ(purge.exit_code, 0) << purge.err;
  EXPECT_NE(with({"show_queue"}).out.find("Queue is empty."), std::string::npos);
  ProcessResult status = with({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("No running instances found"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("Current queue depth: 0"), std::string::npos) << status.out;
  ProcessResult listed = with({"list_running_instances", "--sort-by", "-state,id"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("No instances found for job ID: qjob"), std::string::npos) << listed.out;
  ProcessResult bad_sort = with({"list_running_instances", "--sort-by", "size"});
  EXPECT_EQ(bad_sort.exit_code, 1);
  EXPECT_NE(bad_sort.err.find("Invalid sort field: size"), std::string::npos) << bad_sort.err;
  ProcessResult stop = with({"stop", "--purge-queue"});
  EXPECT_EQ(stop.exit_code, 0) << stop.err;
  EXPECT_NE(stop.out.find("Job 'qjob' stopped"), std::string::npos) << stop.out;
  ProcessResult del = with({"delete_queue", "-f"});
  ASSERT_EQ(del.exit_code, 0) << del.err;
  EXPECT_NE(del.out.find("Queue 'qjob-events' has been deleted."), std::string::npos) << del.out;
  ProcessResult gone = with({"show_queue"});
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("does not exist"), std::string::npos) << gone.err;
}

// A worker on the local queue (as an instance would run it) and monitor_event_queue
// recording its events until every task is done.
TEST(Cli, WorkerOnTheLocalQueueAndMonitorEventQueue) {
  TempDir dir;
  dir.Write("t.jsonl", "{\"task_id\": \"a\", \"data\": {}}\n{\"task_id\": \"b\", \"data\": {}}\n");
  ProcessResult load = Cli({"load_queue", "--job-id", "mjob", "--task-file", "t.jsonl"}, dir.path());
  ASSERT_EQ(load.exit_code, 0) << load.err;
  ProcessResult worker = Cli({"worker", "--provider", "local", "--job-id", "mjob", "--max-num-tasks", "2",
                              "--keepalive-interval", "0", "--", "/bin/true"},
                             dir.path());
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  EXPECT_NE(worker.err.find("Completed: 2"), std::string::npos) << worker.err;
  ProcessResult monitor =
      Cli({"monitor_event_queue", "--job-id", "mjob", "--print-events", "--output-file", "events.jsonl"},
          dir.path());
  ASSERT_EQ(monitor.exit_code, 0) << monitor.err;
  EXPECT_NE(monitor.out.find("\"task_completed\""), std::string::npos) << monitor.out;
  EXPECT_NE(monitor.out.find("*** JOB COMPLETE ***"), std::string::npos) << monitor.out;
  std::ifstream in(dir.path() + "/events.jsonl");
  std::string all((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), 2) << all;
  // A worker never creates queues (BUG-WRK-07).
  ProcessResult missing =
      Cli({"worker", "--provider", "local", "--job-id", "nosuchjob", "--", "/bin/true"}, dir.path());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("does not exist; the manager creates it"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace cloud_tasks::cli
