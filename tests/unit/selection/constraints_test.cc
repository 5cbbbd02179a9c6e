#include "compute/selection/constraints.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

namespace cloud_tasks::compute::selection {
namespace {

using ::testing::HasSubstr;

// 8 vCPUs, 32 GB (4 GB/vCPU), 375 GB local SSD, rank 12, spot.
InstanceType Base() {
  InstanceType t;
  t.name = "n2-standard-8";
  t.vcpu = 8;
  t.mem_gb = 32;
  t.local_ssd_gb = 375;
  t.architecture = "X86_64";
  t.supports_spot = true;
  t.cpu_family = "Intel Cascade Lake";
  t.cpu_rank = 12;
  return t;
}

struct Case {
  const char* name;
  std::function<void(Constraints&)> set;
  std::optional<ConstraintId> fails;  // nullopt: the type passes
  std::function<void(InstanceType&)> edit = nullptr;
};

class ConstraintCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(ConstraintCaseTest, FirstFailure) {
  const Case& c = GetParam();
  Constraints constraints;
  c.set(constraints);
  InstanceType type = Base();
  if (c.edit) c.edit(type);
  auto matcher = ConstraintMatcher::Create(constraints);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
  std::optional<ConstraintId> got = matcher->FirstFailure(type);
  if (c.fails) {
    ASSERT_TRUE(got.has_value()) << "expected " << ConstraintName(*c.fails) << " to fail";
    EXPECT_EQ(ConstraintName(*got), ConstraintName(*c.fails));
  } else {
    EXPECT_FALSE(got.has_value()) << ConstraintName(*got) << " failed unexpectedly";
  }
}

using C = Constraints;
using I = ConstraintId;
constexpr std::nullopt_t kPass = std::nullopt;

const Case kCases[] = {
    {"NoConstraints", [](C&) {}, kPass},
    // vCPU range, inclusive, and the per-task forms.
    {"MinCpuEqual", [](C& c) { c.min_cpu = 8; }, kPass},
    {"MinCpuAbove", [](C& c) { c.min_cpu = 9; }, I::kMinCpu},
    {"MaxCpuEqual", [](C& c) { c.max_cpu = 8; }, kPass},
    {"MaxCpuBelow", [](C& c) { c.max_cpu = 7; }, I::kMaxCpu},
    {"MinTasksFit",
     [](C& c) {
       c.cpus_per_task = 2;
       c.min_tasks_per_instance = 4;
     },
     kPass},
    {"MinTasksTooMany",
     [](C& c) {
       c.cpus_per_task = 2;
       c.min_tasks_per_instance = 5;
     },
     I::kMinCpu},
    {"MinTasksFractionalCpus",
     [](C& c) {
       c.cpus_per_task = 1.5;
       c.min_tasks_per_instance = 6;
     },
     I::kMinCpu},
    {"MinCpuBindsOverMinTasks",
     [](C& c) {
       c.min_cpu = 9;
       c.min_tasks_per_instance = 1;
     },
     I::kMinCpu},
    {"MaxTasksFit",
     [](C& c) {
       c.cpus_per_task = 2;
       c.max_tasks_per_instance = 4;
     },
     kPass},
    {"MaxTasksTooFew",
     [](C& c) {
       c.cpus_per_task = 2;
       c.max_tasks_per_instance = 3;
     },
     I::kMaxCpu},
    {"MaxCpuBindsUnderMaxTasks",
     [](C& c) {
       c.max_cpu = 7;
       c.max_tasks_per_instance = 100;
     },
     I::kMaxCpu},
    // Total memory.
    {"MinMemoryEqual", [](C& c) { c.min_total_memory = 32; }, kPass},
    {"MinMemoryAbove", [](C& c) { c.min_total_memory = 32.5; }, I::kMinTotalMemory},
    {"MaxMemoryEqual", [](C& c) { c.max_total_memory = 32; }, kPass},
    {"MaxMemoryBelow", [](C& c) { c.max_total_memory = 31.9; }, I::kMaxTotalMemory},
    // Memory per vCPU (4) and per task (4 × cpus_per_task).
    {"MinMemPerCpuEqual", [](C& c) { c.min_memory_per_cpu = 4; }, kPass},
    {"MinMemPerCpuAbove", [](C& c) { c.min_memory_per_cpu = 4.01; }, I::kMinMemoryPerCpu},
    {"MaxMemPerCpuEqual", [](C& c) { c.max_memory_per_cpu = 4; }, kPass},
    {"MaxMemPerCpuBelow", [](C& c) { c.max_memory_per_cpu = 3.99; }, I::kMaxMemoryPerCpu},
    {"MinMemPerTaskEqual",
     [](C& c) {
       c.cpus_per_task = 2;
       c.min_memory_per_task = 8;
     },
     kPass},
    {"MinMemPerTaskAbove",
     [](C& c) {
       c.cpus_per_task = 2;
       c.min_memory_per_task = 8.5;
     },
     I::kMinMemoryPerTask},
    {"MaxMemPerTaskEqual",
     [](C& c) {
       c.cpus_per_task = 2;
       c.max_memory_per_task = 8;
     },
     kPass},
    {"MaxMemPerTaskBelow",
     [](C& c) {
       c.cpus_per_task = 2;
       c.max_memory_per_task = 7.5;
     },
     I::kMaxMemoryPerTask},
    // Float noise at the boundary: 0.9 / 3 × 3 < 0.9 and 7.7 / 3 × 3 > 7.7 in doubles.
    {"MinMemPerTaskFloatNoise",
     [](C& c) {
       c.cpus_per_task = 3;
       c.min_memory_per_task = 0.9;
     },
     kPass,
     [](InstanceType& t) {
       t.vcpu = 3;
       t.mem_gb = 0.9;
     }},
    {"MaxMemPerTaskFloatNoise",
     [](C& c) {
       c.cpus_per_task = 3;
       c.max_memory_per_task = 7.7;
     },
     kPass,
     [](InstanceType& t) {
       t.vcpu = 3;
       t.mem_gb = 7.7;
     }},
    // Local SSD total, per vCPU ((375 - base) / 8) and per task.
    {"MinSsdEqual", [](C& c) { c.min_local_ssd = 375; }, kPass},
    {"MinSsdAbove", [](C& c) { c.min_local_ssd = 376; }, I::kMinLocalSsd},
    {"MaxSsdEqual", [](C& c) { c.max_local_ssd = 375; }, kPass},
    {"MaxSsdBelow", [](C& c) { c.max_local_ssd = 374; }, I::kMaxLocalSsd},
    {"MinSsdNoSsd", [](C& c) { c.min_local_ssd = 1; }, I::kMinLocalSsd,
     [](InstanceType& t) { t.local_ssd_gb = 0; }},
    {"MinSsdPerCpuEqual",
     [](C& c) {
       c.local_ssd_base_size = 15;
       c.min_local_ssd_per_cpu = 45;
     },
     kPass},
    {"MinSsdPerCpuAbove",
     [](C& c) {
       c.local_ssd_base_size = 15;
       c.min_local_ssd_per_cpu = 45.1;
     },
     I::kMinLocalSsdPerCpu},
    {"MaxSsdPerCpuEqual",
     [](C& c) {
       c.local_ssd_base_size = 15;
       c.max_local_ssd_per_cpu = 45;
     },
     kPass},
    {"MaxSsdPerCpuBelow",
     [](C& c) {
       c.local_ssd_base_size = 15;
       c.max_local_ssd_per_cpu = 44.9;
     },
     I::kMaxLocalSsdPerCpu},
    {"MinSsdPerTaskEqual",
     [](C& c) {
       c.local_ssd_base_size = 15;
       c.cpus_per_task = 2;
       c.min_local_ssd_per_task = 90;
     },
     kPass},
    {"MinSsdPerTaskAbove",
     [](C& c) {
       c.local_ssd_base_size = 15;
       c.cpus_per_task = 2;
       c.min_local_ssd_per_task = 91;
     },
     I::kMinLocalSsdPerTask},
    {"MaxSsdPerTaskEqual",
     [](C& c) {
       c.local_ssd_base_size = 15;
       c.cpus_per_task = 2;
       c.max_local_ssd_per_task = 90;
     },
     kPass},
    {"MaxSsdPerTaskBelow",
     [](C& c) {
       c.local_ssd_base_size = 15;
       c.cpus_per_task = 2;
       c.max_local_ssd_per_task = 89;
     },
     I::kMaxLocalSsdPerTask},
    // CPU rank range.
    {"MinRankEqual", [](C& c) { c.min_cpu_rank = 12; }, kPass},
    {"MinRankAbove", [](C& c) { c.min_cpu_rank = 13; }, I::kMinCpuRank},
    {"MaxRankEqual", [](C& c) { c.max_cpu_rank = 12; }, kPass},
    {"MaxRankBelow", [](C& c) { c.max_cpu_rank = 11; }, I::kMaxCpuRank},
    // Architecture: case-insensitive on both sides (BUG-AWS-02), common aliases.
    {"ArchSameCase", [](C& c) { c.architecture = "X86_64"; }, kPass},
    {"ArchLowerConstraint", [](C& c) { c.architecture = "x86_64"; }, kPass},
    {"ArchLowerType", [](C& c) { c.architecture = "X86_64"; }, kPass,
     [](InstanceType& t) { t.architecture = "x86_64"; }},
    {"ArchAlias", [](C& c) { c.architecture = "amd64"; }, kPass},
    {"ArchOther", [](C& c) { c.architecture = "ARM64"; }, I::kArchitecture},
    {"ArchArmAlias", [](C& c) { c.architecture = "ARM64"; }, kPass,
     [](InstanceType& t) { t.architecture = "aarch64"; }},
    // CPU family is applied (BUG-CFG-02), case-insensitively.
    {"FamilySame", [](C& c) { c.cpu_family = "INTEL CASCADE LAKE"; }, kPass},
    {"FamilyOther", [](C& c) { c.cpu_family = "AMD Milan"; }, I::kCpuFamily},
    {"FamilyPrefixIsNotEnough", [](C& c) { c.cpu_family = "Intel"; }, I::kCpuFamily},
    // Name patterns: RE2, anywhere unless anchored (BUG-CFG-04), any pattern suffices.
    {"PatternAnywhere", [](C& c) { c.instance_types = {"standard"}; }, kPass},
    {"PatternAnchoredStartMiss", [](C& c) { c.instance_types = {"^standard"}; }, I::kInstanceTypes},
    {"PatternAnchoredStartHit", [](C& c) { c.instance_types = {"^n2-"}; }, kPass},
    {"PatternAnchoredEnd", [](C& c) { c.instance_types = {"-8$"}; }, kPass},
    {"PatternOtherFamily", [](C& c) { c.instance_types = {"^n2d"}; }, I::kInstanceTypes},
    {"PatternAnyOfSeveral",
     [](C& c) {
       c.instance_types = {"^c3", "n2-st"};
     },
     kPass},
    {"PatternRegexClass", [](C& c) { c.instance_types = {"^n[24]-standard-[0-9]+$"}; }, kPass},
    // Spot support whenever use_spot is set, even to false (INS-03); unset: no requirement.
    {"SpotWantedSupported", [](C& c) { c.use_spot = true; }, kPass},
    {"SpotWantedUnsupported", [](C& c) { c.use_spot = true; }, I::kUseSpot,
     [](InstanceType& t) { t.supports_spot = false; }},
    {"SpotFalseUnsupported", [](C& c) { c.use_spot = false; }, I::kUseSpot,
     [](InstanceType& t) { t.supports_spot = false; }},
    {"SpotFalseSupported", [](C& c) { c.use_spot = false; }, kPass},
    {"SpotUnsetUnsupported", [](C&) {}, kPass, [](InstanceType& t) { t.supports_spot = false; }},
    // Order of attribution: the first failing constraint in ConstraintId order.
    {"FirstOfSeveral",
     [](C& c) {
       c.min_cpu = 16;
       c.architecture = "ARM64";
       c.use_spot = true;
     },
     I::kArchitecture},
    {"PatternBeforeEverything",
     [](C& c) {
       c.instance_types = {"^m1"};
       c.min_cpu = 64;
     },
     I::kInstanceTypes},
};

INSTANTIATE_TEST_SUITE_P(Table, ConstraintCaseTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(ConstraintMatcherTest, InvalidPatternIsAnErrorNamingIt) {
  Constraints c;
  c.instance_types = {"n2", "(unclosed"};
  auto m = ConstraintMatcher::Create(c);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(m.status().message(), HasSubstr("instance_types: invalid pattern '(unclosed'"));
}

TEST(ConstraintMatcherTest, NonPositiveCpusPerTaskIsAnError) {
  Constraints c;
  c.cpus_per_task = 0;
  EXPECT_FALSE(ConstraintMatcher::Create(c).ok());
}

TEST(ConstraintMatcherTest, DescribeShowsEffectiveValues) {
  Constraints c;
  c.min_cpu = 8;
  c.cpus_per_task = 4;
  c.min_tasks_per_instance = 4;
  c.max_cpu = 40;
  c.architecture = "arm64";
  c.instance_types = {"^n2-", "n4"};
  auto m = ConstraintMatcher::Create(c);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->Describe(ConstraintId::kMinCpu), "min_cpu (16 = 4 cpus_per_task × 4 min_tasks_per_instance)");
  EXPECT_EQ(m->Describe(ConstraintId::kMaxCpu), "max_cpu (40)");
  EXPECT_EQ(m->Describe(ConstraintId::kArchitecture), "architecture (ARM64)");
  EXPECT_EQ(m->Describe(ConstraintId::kInstanceTypes), "instance_types (^n2-, n4)");
  EXPECT_EQ(m->effective_min_cpu(), 16);
  EXPECT_EQ(m->effective_max_cpu(), 40);
  EXPECT_TRUE(m->IsSet(ConstraintId::kMinCpu));
  EXPECT_FALSE(m->IsSet(ConstraintId::kUseSpot));
}

TEST(ConstraintMatcherTest, EveryConstraintHasItsConfigKeyName) {
  EXPECT_EQ(ConstraintName(ConstraintId::kInstanceTypes), "instance_types");
  EXPECT_EQ(ConstraintName(ConstraintId::kMaxLocalSsdPerTask), "max_local_ssd_per_task");
  EXPECT_EQ(ConstraintName(ConstraintId::kUseSpot), "use_spot");
  EXPECT_EQ(ConstraintName(ConstraintId::kMinMemoryPerTask), "min_memory_per_task");
}

}  // namespace
}  // namespace cloud_tasks::compute::selection
