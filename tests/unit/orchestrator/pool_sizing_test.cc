#include "orchestrator/pool_sizing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cloud_tasks::orchestrator {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Designated initializers with omitted members trip -Wmissing-field-initializers, so
// the tests build inputs through these helpers.
PoolInputs Inputs(std::optional<int64_t> remaining, int64_t tasks_per_instance, int64_t type_vcpus,
                  double type_price, double cpus_per_task = 1) {
  PoolInputs in;
  in.remaining_tasks = remaining;
  in.cpus_per_task = cpus_per_task;
  in.tasks_per_instance = tasks_per_instance;
  in.type_vcpus = type_vcpus;
  in.type_price_per_hour = type_price;
  return in;
}

LivePool Live(int64_t instances, int64_t vcpus, double price,
              std::optional<int64_t> task_slots = std::nullopt) {
  LivePool live;
  live.instances = instances;
  live.vcpus = vcpus;
  live.price_per_hour = price;
  live.task_slots = task_slots;
  return live;
}

// ORC-13: n4-highmem-32 at ~$0.0622/vCPU/hour, 4 vCPUs per task.
PoolInputs N4Highmem32(int64_t remaining) {
  return Inputs(remaining, TasksPerInstance(32, 4.0, std::nullopt, std::nullopt), 32, 0.0622 * 32, 4);
}

std::string AllText(const PoolPlan& plan) {
  std::string out;
  for (const auto& r : plan.reasons) out += r + "\n";
  for (const auto& w : plan.warnings) out += w + "\n";
  return out;
}

TEST(PlanScaling, DocumentedExampleTwentyToTwelveToSeven) {
  PoolInputs in = N4Highmem32(10000);
  ASSERT_EQ(in.tasks_per_instance, 8);
  in.limits.max_instances = 20;
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 20);
  EXPECT_EQ(plan.limited_by, "max_instances");

  in.limits.max_simultaneous_tasks = 100;
  plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 12);  // floor(100 / 8)
  EXPECT_EQ(plan.limited_by, "max_simultaneous_tasks");

  in.limits.max_total_price_per_hour = 15;
  plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 7);  // floor(15 / 1.99)
  EXPECT_EQ(plan.limited_by, "max_total_price_per_hour");
  EXPECT_NEAR(7 * in.type_price_per_hour, 13.93, 0.01);
  EXPECT_THAT(AllText(plan), HasSubstr("max_total_price_per_hour $15.00 allows 7 more instances"));
  EXPECT_THAT(AllText(plan), HasSubstr("max_simultaneous_tasks 100 allows 12 more instances"));
  EXPECT_THAT(AllText(plan), HasSubstr("start 7 instances (limited by max_total_price_per_hour)"));
  EXPECT_THAT(plan.warnings, IsEmpty());
}

TEST(PlanScaling, RemainingWorkBoundsThePool_BugOrc01) {
  PoolInputs in = N4Highmem32(17);  // 17 tasks at 8 per instance: 3 instances
  in.limits.max_instances = 20;
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.needed_instances, 3);
  EXPECT_EQ(plan.to_start, 3);
  EXPECT_EQ(plan.limited_by, "remaining work");

  in.remaining_tasks = 1;  // the last task: no refill of lost instances
  in.live = Live(2, 64, 4);
  plan = PlanScaling(in);
  EXPECT_EQ(plan.needed_instances, 1);
  EXPECT_EQ(plan.to_start, 0);

  in.remaining_tasks = 0;
  in.live = LivePool();
  EXPECT_EQ(PlanScaling(in).to_start, 0);
}

TEST(PlanScaling, UnknownRemainingWorkCountsAsOneTask) {
  PoolInputs in = N4Highmem32(0);
  in.remaining_tasks.reset();
  in.limits.max_instances = 20;
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.needed_instances, 1);
  EXPECT_EQ(plan.to_start, 1);
  EXPECT_THAT(plan.reasons[0], HasSubstr("unknown, counted as 1 task"));

  in.remaining_tasks = -5;  // nonsense counts as no work
  EXPECT_EQ(PlanScaling(in).to_start, 0);
}

TEST(PlanScaling, MaxInstancesBindsAgainstTheLivePool) {
  PoolInputs in = N4Highmem32(10000);
  in.limits.max_instances = 10;
  in.live = Live(8, 256, 16);
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 2);
  EXPECT_EQ(plan.limited_by, "max_instances");
  EXPECT_THAT(plan.warnings, IsEmpty());

  in.live.instances = 12;  // over the cap: nothing, and a warning, never negative
  plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 0);
  EXPECT_THAT(AllText(plan), HasSubstr("12 live instances exceed max_instances 10"));
}

TEST(PlanScaling, PoolOverMaxSimultaneousTasksAddsNothing_BugOrc10) {
  PoolInputs in = N4Highmem32(10000);
  in.limits.max_instances = 100;  // would allow plenty
  in.limits.max_simultaneous_tasks = 40;
  in.live = Live(6, 192, 12);  // 48 task slots
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 0);
  EXPECT_EQ(plan.limited_by, "max_simultaneous_tasks");
  EXPECT_THAT(AllText(plan),
              HasSubstr("48 tasks can run on the live pool, more than max_simultaneous_tasks 40"));

  in.limits.max_simultaneous_tasks = 70;  // 22 slots left: 2 instances of 8
  EXPECT_EQ(PlanScaling(in).to_start, 2);
}

TEST(PlanScaling, ExplicitTaskSlotsOverrideTheVcpuEstimate) {
  PoolInputs in = N4Highmem32(10000);
  in.limits.max_simultaneous_tasks = 40;
  in.live = Live(2, 64, 4, 32);            // vCPU estimate: 16
  EXPECT_EQ(PlanScaling(in).to_start, 1);  // (40 - 32) / 8
}

TEST(PlanScaling, MaxTotalCpusBinds) {
  PoolInputs in = Inputs(1000, 16, 16, 0.5);
  in.limits.max_total_cpus = 100;
  in.live = Live(2, 36, 1);
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 4);  // floor(64 / 16)
  EXPECT_EQ(plan.limited_by, "max_total_cpus");

  in.live.vcpus = 120;
  plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 0);
  EXPECT_THAT(AllText(plan), HasSubstr("120 live vCPUs exceed max_total_cpus 100"));
}

TEST(PlanScaling, MaxTotalPriceBindsWithoutRoundingDown) {
  PoolInputs in = Inputs(1000, 1, 1, 0.1);
  in.limits.max_total_price_per_hour = 0.5;
  in.live = Live(2, 2, 0.2);
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 3);  // 0.3 / 0.1 is 3, not 2.9999
  EXPECT_EQ(plan.limited_by, "max_total_price_per_hour");

  in.live.price_per_hour = 0.75;
  plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 0);
  EXPECT_THAT(AllText(plan), HasSubstr("live pool at $0.75/hour exceeds max_total_price_per_hour $0.50"));
}

TEST(PlanScaling, FreeInstancesAreNotLimitedByPrice) {
  PoolInputs in = Inputs(6, 2, 2, 0);
  in.limits.max_total_price_per_hour = 10;
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 3);
  EXPECT_EQ(plan.limited_by, "remaining work");
  EXPECT_THAT(AllText(plan), HasSubstr("does not limit instances"));
}

TEST(PlanScaling, MinimumsApplyToTheResultingPool_BugOrc02) {
  // One lost instance of a pool of 5 is replaced although the increment (1) is below 5.
  PoolInputs in = N4Highmem32(10000);
  in.limits.min_instances = 5;
  in.limits.max_instances = 5;
  in.limits.min_total_cpus = 160;
  in.limits.min_simultaneous_tasks = 40;
  in.limits.min_total_price_per_hour = 9;
  in.live = Live(4, 128, 4 * in.type_price_per_hour);
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 1);
  EXPECT_THAT(plan.min_violations, IsEmpty());
  EXPECT_THAT(plan.warnings, IsEmpty());
}

TEST(PlanScaling, EachMinimumReportsWhenAMaximumKeepsThePoolBelowIt) {
  struct Case {
    const char* name;
    PoolLimits limits;
    const char* expected;
  };
  PoolLimits cap;
  cap.max_total_price_per_hour = 6;  // 3 instances at $1.99
  std::vector<Case> cases = {
      {"min_instances", cap, "min_instances 5 (resulting pool 3 instances)"},
      {"min_total_cpus", cap, "min_total_cpus 128 (resulting pool 96 vCPUs)"},
      {"min_total_price_per_hour", cap, "min_total_price_per_hour $8.00 (resulting pool $5.97/hour)"},
      {"min_simultaneous_tasks", cap, "min_simultaneous_tasks 30 (resulting pool 24 task slots)"},
  };
  cases[0].limits.min_instances = 5;
  cases[1].limits.min_total_cpus = 128;
  cases[2].limits.min_total_price_per_hour = 8;
  cases[3].limits.min_simultaneous_tasks = 30;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    PoolInputs in = N4Highmem32(10000);
    in.limits = c.limits;
    PoolPlan plan = PlanScaling(in);
    // Maximums are hard: start what they allow, report the shortfall (never block).
    EXPECT_EQ(plan.to_start, 3);
    ASSERT_EQ(plan.min_violations.size(), 1u);
    EXPECT_EQ(plan.min_violations[0], c.expected);
    EXPECT_THAT(plan.warnings,
                Contains(HasSubstr("Violated minimum constraints (limited by max_total_price_per_hour)")));
  }
}

TEST(PlanScaling, UnsetMinimumsAreNeverFormatted_BugOrc03) {
  PoolInputs in = N4Highmem32(10000);
  in.limits.min_instances = 10;
  in.limits.max_instances = 2;
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 2);
  ASSERT_EQ(plan.min_violations.size(), 1u);
  EXPECT_THAT(AllText(plan), ::testing::Not(HasSubstr("price")));
}

TEST(PlanScaling, MinimumsNeverForceMoreInstancesThanTheWorkNeeds) {
  PoolInputs in = Inputs(2, 1, 1, 0.1);
  in.limits.min_instances = 5;
  in.limits.max_instances = 10;
  in.limits.min_total_cpus = 8;
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, 2);
  EXPECT_THAT(plan.min_violations, IsEmpty());
  EXPECT_THAT(plan.warnings, IsEmpty());
  EXPECT_THAT(AllText(plan),
              HasSubstr("min_instances 5 (resulting pool 2 instances) not applied: the remaining "
                        "work needs only 2 instances"));
}

TEST(PlanScaling, SurplusOnlyAtTheTail) {
  PoolInputs in = Inputs(10, 4, 4, 0.2);
  in.live = Live(5, 20, 1);
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.needed_instances, 3);
  EXPECT_EQ(plan.to_start, 0);
  EXPECT_EQ(plan.surplus, 0);

  in.tail = true;
  plan = PlanScaling(in);
  EXPECT_EQ(plan.surplus, 2);
  EXPECT_THAT(AllText(plan), HasSubstr("tail of the job: 5 live, 3 needed, 2 surplus"));

  in.remaining_tasks = 0;
  EXPECT_EQ(PlanScaling(in).surplus, 5);

  in.remaining_tasks = 100;  // more work than the pool: no surplus, and growth
  plan = PlanScaling(in);
  EXPECT_EQ(plan.surplus, 0);
  EXPECT_EQ(plan.to_start, 20);
}

TEST(PlanScaling, OutOfRangeInputsAreClamped) {
  PoolInputs in = Inputs(3, 0, 0, 0, 0);
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.needed_instances, 3);
  EXPECT_EQ(plan.to_start, 3);
  EXPECT_GE(plan.surplus, 0);
}

TEST(PlanScaling, HugeBudgetsDoNotOverflow) {
  PoolInputs in = Inputs(INT64_MAX, 1, 1, 1e-12);
  in.limits.max_total_price_per_hour = 1e9;
  in.limits.min_simultaneous_tasks = INT64_MAX;
  PoolPlan plan = PlanScaling(in);
  EXPECT_EQ(plan.to_start, INT64_MAX);
  EXPECT_THAT(plan.min_violations, IsEmpty());
}

TEST(PoolLimitsFromSettings, CopiesEveryLimit) {
  config::Settings s;
  s.min_instances = 1;
  s.max_instances = 2;
  s.min_total_cpus = 3;
  s.max_total_cpus = 4;
  s.min_total_price_per_hour = 5.5;
  s.max_total_price_per_hour = 6.5;
  s.min_simultaneous_tasks = 7;
  s.max_simultaneous_tasks = 8;
  PoolLimits l = PoolLimitsFromSettings(s);
  EXPECT_EQ(l.min_instances, 1);
  EXPECT_EQ(l.max_instances, 2);
  EXPECT_EQ(l.min_total_cpus, 3);
  EXPECT_EQ(l.max_total_cpus, 4);
  EXPECT_EQ(l.min_total_price_per_hour, 5.5);
  EXPECT_EQ(l.max_total_price_per_hour, 6.5);
  EXPECT_EQ(l.min_simultaneous_tasks, 7);
  EXPECT_EQ(l.max_simultaneous_tasks, 8);
}

TEST(TasksPerInstance, FollowsOrc03) {
  EXPECT_EQ(TasksPerInstance(32, 4.0, std::nullopt, std::nullopt), 8);
  EXPECT_EQ(TasksPerInstance(8, std::nullopt, std::nullopt, std::nullopt), 8);  // vcpu when unset
  EXPECT_EQ(TasksPerInstance(8, 1.5, std::nullopt, std::nullopt), 5);           // floor
  EXPECT_EQ(TasksPerInstance(3, 0.1, std::nullopt, std::nullopt), 30);          // not 29
  EXPECT_EQ(TasksPerInstance(8, 4.0, 3, std::nullopt), 3);                      // raised
  EXPECT_EQ(TasksPerInstance(32, 1.0, std::nullopt, 6), 6);                     // lowered
  EXPECT_EQ(TasksPerInstance(8, 1.0, 10, 4), 4);                                // maximum wins
  EXPECT_EQ(TasksPerInstance(2, 4.0, std::nullopt, std::nullopt), 1);           // at least one
}

}  // namespace
}  // namespace cloud_tasks::orchestrator
