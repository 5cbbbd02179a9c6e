// HashSet64: large tables are kept out of forked children (MADV_DONTFORK) while they
// live, and give the pages back to normal fork behaviour when freed.

#include "taskfile/hash_set.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

namespace cloud_tasks::taskfile {
namespace {

// kB of this process's mappings that a fork does not copy ("dc" in VmFlags).
long DontForkKb() {
  std::ifstream smaps("/proc/self/smaps");
  long total = 0, size_kb = 0;
  for (std::string line; std::getline(smaps, line);) {
    if (line.rfind("Size:", 0) == 0) size_kb = std::stol(line.substr(5));
    if (line.rfind("VmFlags:", 0) == 0 && line.find(" dc") != std::string::npos) total += size_kb;
  }
  return total;
}

TEST(HashSet64, InsertsAndFindsRepeats) {
  HashSet64 set;
  for (uint64_t i = 0; i < 100000; ++i) ASSERT_TRUE(set.Insert(HashTaskId("task-" + std::to_string(i))));
  for (uint64_t i = 0; i < 100000; i += 997) EXPECT_FALSE(set.Insert(HashTaskId("task-" + std::to_string(i))));
  EXPECT_EQ(set.size(), 100000u);
  EXPECT_TRUE(set.Insert(0));   // 0 is stored like any other value
  EXPECT_FALSE(set.Insert(0));
}

TEST(HashSet64, LargeTableIsNotCopiedIntoChildrenAndFreedPagesAre) {
  const long before = DontForkKb();
  auto set = std::make_unique<HashSet64>();
  for (uint64_t i = 1; i <= 400000; ++i) set->Insert(i * 0x9E3779B97F4A7C15ULL);
  ASSERT_GE(set->memory_bytes(), size_t{2} << 20);
  EXPECT_GE(DontForkKb() - before, static_cast<long>(set->memory_bytes() / 1024));

  // A child still runs normally while the table exists.
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  const size_t bytes = set->memory_bytes();
  set.reset();
  EXPECT_EQ(DontForkKb(), before);
  // Memory allocated where the table was is inherited again: a child can read it.
  std::vector<uint64_t> reused(bytes / sizeof(uint64_t));
  std::iota(reused.begin(), reused.end(), uint64_t{1});
  pid = ::fork();
  if (pid == 0) {
    uint64_t sum = 0;
    for (uint64_t v : reused) sum += v;
    ::_exit(sum == reused.size() * (reused.size() + 1) / 2 ? 0 : 1);
  }
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace cloud_tasks::taskfile
