// `run --dry-run` planning without a provider (PlanJobFromCatalogFile): a fresh run sized
// from the task file, and --continue sized from the job database, whose completed tasks
// give the mean task time for the estimate.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/json.h"
#include "jobdb/job_store.h"
#include "orchestrator/job_runner.h"

namespace cloud_tasks::orchestrator {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

const std::string kFixture = std::string(CT_SOURCE_DIR) + "/tests/fixtures/catalogs/gcp_us-central1.csv";

class DryRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) / ("ct_dry_run_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    o_.settings.provider = "gcp";
    o_.settings.region = "us-central1";
    o_.settings.job_id = "dry";
    o_.settings.architecture = "X86_64";
    o_.settings.cpus_per_task = 1;
    o_.settings.max_instances = 1;  // 32 slots of e2-highcpu-32
    o_.settings.startup_script = "#!/bin/bash\ntrue\n";
    o_.catalog.catalog_file = kFixture;
    o_.dry_run = true;
    o_.db_path = (dir_ / "dry.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> Plan() {
    auto out = PlanJobFromCatalogFile(o_);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    if (!out.ok()) return {};
    EXPECT_EQ(out->kind, JobOutcome::Kind::kDryRun);
    return out->plan;
  }

  std::filesystem::path dir_;
  JobRunnerOptions o_;
};

TEST_F(DryRunTest, FreshRunCountsTheTaskFile) {
  std::ofstream(dir_ / "tasks.jsonl") << "{\"task_id\": \"a\", \"data\": {}}\n{\"task_id\": \"b\", \"data\": {}}\n";
  o_.task_file = (dir_ / "tasks.jsonl").string();
  auto lines = Plan();
  EXPECT_THAT(lines, Contains("Tasks: 2"));
  EXPECT_THAT(lines, Contains(HasSubstr("Planned pool: 1 instance of e2-highcpu-32")));
  EXPECT_FALSE(std::filesystem::exists(o_.db_path));
}

TEST_F(DryRunTest, ContinueUsesTheDatabaseAndItsMeanTaskTime) {
  {
    auto store = jobdb::JobStore::Open({.path = o_.db_path, .mode = jobdb::OpenMode::kCreate});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    std::vector<jobdb::NewTask> tasks;
    for (int i = 0; i < 100; ++i) tasks.push_back({fmt::format("t{:03}", i), "{}"});
    ASSERT_TRUE((*store)->InsertTasks(tasks).ok());
    std::vector<Json> events;
    for (int i = 0; i < 4; ++i) {  // 4 completed tasks of 10, 20, 30, 40 s: mean 25 s
      events.push_back({{"timestamp", "2026-11-28T10:00:00Z"},
                        {"hostname", "h"},
                        {"event_type", "task_completed"},
                        {"task_id", fmt::format("t{:03}", i)},
                        {"elapsed_time", 10.0 * (i + 1)},
                        {"retry", false},
                        {"result", nullptr}});
    }
    auto applied = (*store)->ApplyEvents(events);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  }
  o_.continue_run = true;
  auto lines = Plan();
  EXPECT_THAT(lines, Contains("Tasks: 96"));
  EXPECT_THAT(lines, Contains("Mean task time 25.00 s, from the 4 tasks completed so far"));
  // 96 tasks on 32 slots: 3 waves of 25 s; the source of the time comes right before.
  EXPECT_THAT(lines, Contains(HasSubstr("Estimate: 3 waves of 25 s")));
  auto source = std::find(lines.begin(), lines.end(), "Mean task time 25.00 s, from the 4 tasks completed so far");
  ASSERT_NE(source, lines.end());
  ASSERT_NE(source + 1, lines.end());
  EXPECT_THAT(*(source + 1), HasSubstr("Estimate: 3 waves of 25 s"));
  // A given time wins over the database's.
  o_.estimated_task_seconds = 60;
  lines = Plan();
  EXPECT_THAT(lines, Contains(HasSubstr("Estimate: 3 waves of 60 s")));
  EXPECT_THAT(lines, Not(Contains(HasSubstr("Mean task time"))));
}

TEST_F(DryRunTest, ContinueWithoutADatabaseIsAnError) {
  o_.continue_run = true;
  auto out = PlanJobFromCatalogFile(o_);
  EXPECT_EQ(out.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace cloud_tasks::orchestrator
