// MakeJobPlan and JobPlan::Describe: the choice from a catalog, the planned pool and the
// cost estimate, on the GCP fixture catalog (ORC-13) and on FakeProvider's catalog.

#include "orchestrator/job_plan.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "compute/fake_provider.h"
#include "orchestrator/catalog_source.h"

namespace cloud_tasks::orchestrator {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

const std::string kFixture = std::string(CT_SOURCE_DIR) + "/tests/fixtures/catalogs/gcp_us-central1.csv";

JobRunnerOptions GcpOptions() {
  JobRunnerOptions o;
  config::Settings& s = o.settings;
  s.provider = "gcp";
  s.region = "us-central1";
  s.job_id = "plan-test";
  s.architecture = "X86_64";
  s.cpus_per_task = 1;
  s.total_boot_disk_size = 10;
  s.max_instances = 10;
  s.startup_script = "#!/bin/bash\ntrue\n";
  o.catalog.catalog_file = kFixture;
  return o;
}

compute::Catalog Load(const JobRunnerOptions& o) {
  auto c = LoadCatalog(nullptr, o.settings, o.catalog, nullptr);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : compute::Catalog{};
}

bool AnyLineHas(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& l : lines) {
    if (l.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(JobPlanTest, ChoosesFromTheCatalogAndPlansThePool) {
  JobRunnerOptions o = GcpOptions();
  auto plan = MakeJobPlan(Load(o), o);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->type().name, "e2-highcpu-32");  // ORC-13, first example
  EXPECT_EQ(plan->pool.boot_disk_type, "pd-standard");
  EXPECT_EQ(plan->pool.zone, "us-central1-a");
  EXPECT_EQ(plan->pool.boot_disk_gb, 10);
  EXPECT_EQ(plan->tasks_per_instance, 32);
  EXPECT_DOUBLE_EQ(plan->pool.price_per_hour, plan->price_per_hour());
  EXPECT_THAT(plan->startup_script, HasSubstr("e2-highcpu-32"));

  auto lines = plan->Describe(100000);
  EXPECT_TRUE(AnyLineHas(lines, "Selected e2-highcpu-32 (pd-standard) in us-central1-a")) << lines[0];
  EXPECT_TRUE(AnyLineHas(lines, "Runner-up 1: "));
  EXPECT_TRUE(AnyLineHas(lines, "architecture (X86_64) removed"));
  std::string pool = fmt::format("Planned pool: 10 instances of e2-highcpu-32, 320 vCPUs, 320 tasks at once, "
                                 "${:.4f}/hour (limited by max_instances)",
                                 10 * plan->price_per_hour());
  EXPECT_THAT(lines, Contains(pool));
  EXPECT_NEAR(10 * plan->price_per_hour(), 7.92, 0.005);  // ORC-13: ~$7.92/h
  EXPECT_FALSE(AnyLineHas(lines, "Estimate:"));  // no task time, no estimate
}

TEST(JobPlanTest, EstimatesDurationAndCostFromTheMeanTaskTime) {
  JobRunnerOptions o = GcpOptions();
  auto plan = MakeJobPlan(Load(o), o);
  ASSERT_TRUE(plan.ok());
  // 3,201 tasks on 320 slots: 11 waves of 30 minutes.
  auto lines = plan->Describe(3201, 1800.0);
  double hourly = 10 * plan->price_per_hour();
  EXPECT_THAT(lines, Contains(fmt::format("Estimate: 11 waves of 1800 s = 5.50 hours, about ${:.2f} in total "
                                          "(start-up and retries not counted)",
                                          5.5 * hourly)));
}

TEST(JobPlanTest, ConstraintsThatEmptyTheSetAreNamed) {
  JobRunnerOptions o = GcpOptions();
  o.settings.min_cpu = 1000;
  auto plan = MakeJobPlan(Load(o), o);
  ASSERT_FALSE(plan.ok());
  EXPECT_THAT(plan.status().message(), HasSubstr("min_cpu (1000) removed the last"));
}

TEST(JobPlanTest, SpotSettingPricesAtSpotAndMarksThePool) {
  compute::FakeProvider provider;
  JobRunnerOptions o;
  o.settings.provider = "aws";  // the startup script names a real provider
  o.settings.job_id = "spot";
  o.settings.use_spot = true;
  o.settings.startup_script = "#!/bin/bash\ntrue\n";
  auto catalog = provider.GetCatalog();
  ASSERT_TRUE(catalog.ok());
  auto plan = MakeJobPlan(*catalog, o);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_TRUE(plan->pool.spot);
  EXPECT_TRUE(plan->type().supports_spot);
  EXPECT_TRUE(plan->choice.winner.spot);
}

TEST(JobPlanTest, RequiresAJobId) {
  JobRunnerOptions o = GcpOptions();
  o.settings.job_id.reset();
  EXPECT_EQ(MakeJobPlan(Load(o), o).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace cloud_tasks::orchestrator
