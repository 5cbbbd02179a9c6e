#include "compute/selection/constraints_from_settings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cloud_tasks::compute::selection {
namespace {

using ::testing::ElementsAre;

TEST(ConstraintsFromSettingsTest, UnsetSettingsGiveNoLimits) {
  Constraints c = ConstraintsFromSettings(config::Settings{});
  EXPECT_FALSE(c.architecture);
  EXPECT_FALSE(c.min_cpu);
  EXPECT_FALSE(c.use_spot);
  EXPECT_EQ(c.cpus_per_task, 1);
  EXPECT_TRUE(c.instance_types.empty());
  EXPECT_EQ(c.boot_disk.iops, 3120);
  EXPECT_EQ(c.boot_disk.throughput, 170);
  EXPECT_EQ(c.boot_disk.sizing.total_boot_disk_size, 10);
}

TEST(ConstraintsFromSettingsTest, CopiesEverySelectionKey) {
  config::Settings s;
  s.architecture = "ARM64";
  s.cpu_family = "AMD MILAN";
  s.min_cpu_rank = 3;
  s.max_cpu_rank = 20;
  s.min_cpu = 2;
  s.max_cpu = 64;
  s.cpus_per_task = 2.5;
  s.min_tasks_per_instance = 2;
  s.max_tasks_per_instance = 9;
  s.min_total_memory = 1;
  s.max_total_memory = 2;
  s.min_memory_per_cpu = 3;
  s.max_memory_per_cpu = 4;
  s.min_memory_per_task = 5;
  s.max_memory_per_task = 6;
  s.min_local_ssd = 7;
  s.max_local_ssd = 8;
  s.local_ssd_base_size = 9;
  s.min_local_ssd_per_cpu = 10;
  s.max_local_ssd_per_cpu = 11;
  s.min_local_ssd_per_task = 12;
  s.max_local_ssd_per_task = 13;
  s.instance_types = std::vector<std::string>{"^n2", "c3"};
  s.use_spot = false;
  s.boot_disk_types = std::vector<std::string>{"pd-ssd"};
  s.boot_disk_iops = 5000;
  s.boot_disk_throughput = 250;
  s.total_boot_disk_size = 20;
  s.boot_disk_base_size = 5;
  s.boot_disk_per_cpu = 1.5;
  s.boot_disk_per_task = 4;
  Constraints c = ConstraintsFromSettings(s);
  EXPECT_EQ(c.architecture, "ARM64");
  EXPECT_EQ(c.cpu_family, "AMD MILAN");
  EXPECT_EQ(c.min_cpu_rank, 3);
  EXPECT_EQ(c.max_cpu_rank, 20);
  EXPECT_EQ(c.min_cpu, 2);
  EXPECT_EQ(c.max_cpu, 64);
  EXPECT_EQ(c.cpus_per_task, 2.5);
  EXPECT_EQ(c.min_tasks_per_instance, 2);
  EXPECT_EQ(c.max_tasks_per_instance, 9);
  EXPECT_EQ(c.min_total_memory, 1);
  EXPECT_EQ(c.max_total_memory, 2);
  EXPECT_EQ(c.min_memory_per_cpu, 3);
  EXPECT_EQ(c.max_memory_per_cpu, 4);
  EXPECT_EQ(c.min_memory_per_task, 5);
  EXPECT_EQ(c.max_memory_per_task, 6);
  EXPECT_EQ(c.min_local_ssd, 7);
  EXPECT_EQ(c.max_local_ssd, 8);
  EXPECT_EQ(c.local_ssd_base_size, 9);
  EXPECT_EQ(c.min_local_ssd_per_cpu, 10);
  EXPECT_EQ(c.max_local_ssd_per_cpu, 11);
  EXPECT_EQ(c.min_local_ssd_per_task, 12);
  EXPECT_EQ(c.max_local_ssd_per_task, 13);
  EXPECT_THAT(c.instance_types, ElementsAre("^n2", "c3"));
  EXPECT_EQ(c.use_spot, false);
  EXPECT_THAT(c.boot_disk.types, ElementsAre("pd-ssd"));
  EXPECT_EQ(c.boot_disk.iops, 5000);
  EXPECT_EQ(c.boot_disk.throughput, 250);
  EXPECT_EQ(c.boot_disk.sizing.total_boot_disk_size, 20);
  EXPECT_EQ(c.boot_disk.sizing.boot_disk_base_size, 5);
  EXPECT_EQ(c.boot_disk.sizing.boot_disk_per_cpu, 1.5);
  EXPECT_EQ(c.boot_disk.sizing.boot_disk_per_task, 4);
}

}  // namespace
}  // namespace cloud_tasks::compute::selection
