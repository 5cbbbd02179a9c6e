#include "compute/selection/boot_disk.h"

#include <gtest/gtest.h>

namespace cloud_tasks::compute::selection {
namespace {

BootDiskSizing Sizing(double total, double base, std::optional<double> per_cpu,
                      std::optional<double> per_task) {
  BootDiskSizing s;
  s.total_boot_disk_size = total;
  s.boot_disk_base_size = base;
  s.boot_disk_per_cpu = per_cpu;
  s.boot_disk_per_task = per_task;
  return s;
}

TEST(BootDiskTest, DefaultIsTenGb) { EXPECT_EQ(BootDiskGb(BootDiskSizing{}, 32, 1), 10); }

TEST(BootDiskTest, TotalIsAFloor) {
  EXPECT_EQ(BootDiskGb(Sizing(50, 0, 1, std::nullopt), 8, 1), 50);
  EXPECT_EQ(BootDiskGb(Sizing(5, 0, 1, std::nullopt), 8, 1), 8);
}

TEST(BootDiskTest, PerCpuAddsTheBase) { EXPECT_EQ(BootDiskGb(Sizing(10, 20, 2, std::nullopt), 16, 1), 52); }

TEST(BootDiskTest, PerTaskUsesWholeTasksPerInstance) {
  // floor(10 / 4) = 2 tasks → 5 + 2 × 30 = 65.
  EXPECT_EQ(BootDiskGb(Sizing(10, 5, std::nullopt, 30), 10, 4), 65);
}

TEST(BootDiskTest, LargestTermWins) {
  BootDiskSizing s = Sizing(10, 0, 1, 10);
  EXPECT_EQ(BootDiskGb(s, 8, 1), 80);  // per task 8 × 10 beats per cpu 8 × 1
  s.boot_disk_per_cpu = 20;
  EXPECT_EQ(BootDiskGb(s, 8, 1), 160);
}

TEST(BootDiskTest, RoundsUpToWholeGb) {
  EXPECT_EQ(BootDiskGb(Sizing(10, 0.5, 1.25, std::nullopt), 10, 1), 13);  // 13.0 exactly
  EXPECT_EQ(BootDiskGb(Sizing(10, 0.5, 1.3, std::nullopt), 10, 1), 14);   // 13.5 → 14
  EXPECT_EQ(BootDiskGb(Sizing(10.2, 0, std::nullopt, std::nullopt), 4, 1), 11);
}

TEST(BootDiskTest, NonPositiveCpusPerTaskIsReadAsOne) {
  EXPECT_EQ(BootDiskGb(Sizing(10, 0, std::nullopt, 5), 8, 0), 40);
}

}  // namespace
}  // namespace cloud_tasks::compute::selection
