#include "worker/settings.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "worker_test_util.h"

namespace cloud_tasks::worker {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) { return testing::FakeEnv(std::move(vars)); }

TEST(WorkerSettings, CommandLineBeatsEnvironmentBeatsDefault) {
  WorkerSettings cli;
  cli.task_file = "a.json";
  cli.max_runtime = 10;
  auto s = ResolveWorkerSettings(cli,
                                 Env({{"RMS_CLOUD_TASKS_MAX_RUNTIME", "99"},
                                      {"RMS_CLOUD_TASKS_TASK_FILE", "b.json"},
                                      {"RMS_CLOUD_TASKS_SHUTDOWN_GRACE_PERIOD", "7.5"}}),
                                 4);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*s->max_runtime, 10);
  EXPECT_EQ(*s->task_file, "a.json");
  EXPECT_DOUBLE_EQ(*s->shutdown_grace_period, 7.5);
  EXPECT_EQ(*s->num_simultaneous_tasks, 4);  // hardware CPUs
  EXPECT_EQ(*s->event_log_file, "events.log");
  EXPECT_TRUE(*s->event_log_to_file);
  EXPECT_FALSE(*s->event_log_to_queue);
}

TEST(WorkerSettings, BooleanEnvironmentIsTrueOnlyForOneOrTrue) {
  WorkerSettings cli;
  cli.task_file = "a.json";
  for (auto [text, expected] : std::vector<std::pair<std::string, bool>>{
           {"1", true}, {"TRUE", true}, {"true", true}, {"yes", false}, {"None", false}, {"0", false}}) {
    auto s = ResolveWorkerSettings(cli, Env({{"RMS_CLOUD_TASKS_RETRY_ON_EXIT", text}}), 1);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(*s->retry_on_exit, expected) << text;
  }
}

TEST(WorkerSettings, NumSimultaneousDefaultsToNumCpus) {
  WorkerSettings cli;
  cli.task_file = "a.json";
  auto s = ResolveWorkerSettings(cli, Env({{"RMS_CLOUD_TASKS_INSTANCE_NUM_VCPUS", "3"}}), 8);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s->num_simultaneous_tasks, 3);
}

TEST(WorkerSettings, ErrorsNameTheVariableOrFlag) {
  WorkerSettings cli;
  cli.task_file = "a.json";
  auto bad_env = ResolveWorkerSettings(cli, Env({{"RMS_CLOUD_TASKS_MAX_RUNTIME", "ten"}}), 1);
  ASSERT_FALSE(bad_env.ok());
  EXPECT_NE(bad_env.status().message().find("RMS_CLOUD_TASKS_MAX_RUNTIME=ten"), std::string::npos);

  auto bad_memory =
      ResolveWorkerSettings(cli, Env({{"RMS_CLOUD_TASKS_MAX_MEMORY_ALLOWED_PER_TASK", "inf"}}), 1);
  ASSERT_FALSE(bad_memory.ok());

  WorkerSettings zero = cli;
  zero.max_memory_allowed_per_task = 0;
  auto z = ResolveWorkerSettings(zero, Env({}), 1);
  ASSERT_FALSE(z.ok());
  EXPECT_NE(z.status().message().find("--max-memory-allowed-per-task"), std::string::npos);

  auto no_source = ResolveWorkerSettings(WorkerSettings{}, Env({}), 1);
  ASSERT_FALSE(no_source.ok());
  EXPECT_NE(no_source.status().message().find("--task-file"), std::string::npos);
}

TEST(WorkerSettings, QueueDefaultsFromJobId) {
  WorkerSettings cli;
  cli.provider = "GCP";
  auto s = ResolveWorkerSettings(cli, Env({{"RMS_CLOUD_TASKS_JOB_ID", "job1"}}), 1);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*s->provider, "gcp");
  EXPECT_EQ(*s->queue_name, "job1");
  EXPECT_TRUE(*s->event_log_to_queue);
  EXPECT_FALSE(*s->event_log_to_file);
}

TEST(WorkerSettings, EveryVariableOfTheOriginalIsRecognised) {
  std::vector<std::string> expected = {"RMS_CLOUD_TASKS_TASK_FILE",
                                       "RMS_CLOUD_TASKS_PROVIDER",
                                       "RMS_CLOUD_TASKS_PROJECT_ID",
                                       "RMS_CLOUD_TASKS_JOB_ID",
                                       "RMS_CLOUD_TASKS_QUEUE_NAME",
                                       "RMS_CLOUD_TASKS_EXACTLY_ONCE_QUEUE",
                                       "RMS_CLOUD_TASKS_EVENT_LOG_FILE",
                                       "RMS_CLOUD_TASKS_EVENT_LOG_TO_FILE",
                                       "RMS_CLOUD_TASKS_EVENT_LOG_TO_QUEUE",
                                       "RMS_CLOUD_TASKS_KEEPALIVE_INTERVAL",
                                       "RMS_CLOUD_TASKS_INSTANCE_TYPE",
                                       "RMS_CLOUD_TASKS_INSTANCE_NUM_VCPUS",
                                       "RMS_CLOUD_TASKS_INSTANCE_MEM_GB",
                                       "RMS_CLOUD_TASKS_INSTANCE_SSD_GB",
                                       "RMS_CLOUD_TASKS_INSTANCE_BOOT_DISK_GB",
                                       "RMS_CLOUD_TASKS_INSTANCE_IS_SPOT",
                                       "RMS_CLOUD_TASKS_INSTANCE_PRICE",
                                       "RMS_CLOUD_TASKS_NUM_TASKS_PER_INSTANCE",
                                       "RMS_CLOUD_TASKS_MAX_RUNTIME",
                                       "RMS_CLOUD_TASKS_MAX_MEMORY_ALLOWED_PER_TASK",
                                       "RMS_CLOUD_TASKS_SHUTDOWN_GRACE_PERIOD",
                                       "RMS_CLOUD_TASKS_TO_SKIP",
                                       "RMS_CLOUD_TASKS_MAX_NUM_TASKS",
                                       "RMS_CLOUD_TASKS_RETRY_ON_EXIT",
                                       "RMS_CLOUD_TASKS_RETRY_ON_EXCEPTION",
                                       "RMS_CLOUD_TASKS_RETRY_ON_TIMEOUT",
                                       "RMS_CLOUD_TASKS_SIMULATE_SPOT_TERMINATION_AFTER",
                                       "RMS_CLOUD_TASKS_SIMULATE_SPOT_TERMINATION_DELAY"};
  std::set<std::string> have;
  for (const auto& s : AllWorkerSettings()) have.insert(std::string(s.env));
  for (const auto& e : expected) EXPECT_TRUE(have.count(e)) << e;
}

}  // namespace
}  // namespace cloud_tasks::worker
