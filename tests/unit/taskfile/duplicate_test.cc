// Duplicate task ids: bounded memory, and a hash collision never gives a false error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "taskfile/duplicate_checker.h"
#include "taskfile/hash_log.h"
#include "taskfile/hash_set.h"
#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing_util::WriteFile;

// Every id of the same length collides.
uint64_t LengthHash(std::string_view id) { return id.size(); }

std::string Tasks(const std::vector<std::string>& ids) {
  std::string text = "[\n";
  for (size_t i = 0; i < ids.size(); ++i) {
    text += " {\"task_id\": \"" + ids[i] + "\", \"data\": {}}" + (i + 1 < ids.size() ? ",\n" : "\n");
  }
  return text + "]";
}

TEST(HashSet64, InsertsAndGrows) {
  HashSet64 set;
  for (uint64_t i = 0; i < 100000; ++i) ASSERT_TRUE(set.Insert(HashTaskId("id-" + std::to_string(i))));
  EXPECT_EQ(set.size(), 100000u);
  EXPECT_FALSE(set.Insert(HashTaskId("id-77")));
  EXPECT_TRUE(set.Insert(0));  // zero is a legal hash too
  EXPECT_FALSE(set.Insert(0));
  // 8-byte slots at most 3/4 full: between ~10.7 and ~21 bytes per element.
  EXPECT_LE(set.memory_bytes(), 100001u * 22);
}

TEST(HashLog, FindsRepeatsAcrossPartitions) {
  for (uint64_t n : {10u, 100000u}) {
    HashLog log;
    log.Add(0);
    log.Add(5);
    for (uint64_t i = 0; i < n; ++i) log.Add(HashTaskId(std::to_string(i)));
    log.Add(0);
    log.Add(5);
    log.Add(5);
    log.Add(HashTaskId("7"));
    log.Add(~uint64_t{0});
    EXPECT_EQ(log.size(), n + 7);
    std::vector<uint64_t> repeats = log.TakeRepeats();
    std::vector<uint64_t> expected = {0, 5, HashTaskId("7")};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(repeats, expected) << n;
    EXPECT_EQ(log.size(), 0u);
  }
}

TEST(DuplicateChecker, CollisionsAreConfirmedNotReported) {
  std::string path = WriteFile("c.json", Tasks({"aa", "bb", "cc", "ddd"}));
  DuplicateChecker checker(path, &LengthHash);
  auto reader = TaskReader::Open(path, {.check_duplicates = false});
  ASSERT_TRUE(reader.ok());
  Task task;
  while (*(*reader)->Next(task)) ASSERT_TRUE(checker.Check(task).ok()) << task.task_id;
  EXPECT_EQ(checker.collisions(), 2u);  // bb and cc collide with aa
}

TEST(DuplicateChecker, ValidateWithCollidingHashFindsOnlyRealDuplicates) {
  std::string clean = WriteFile("clean.json", Tasks({"aa", "bb", "cc", "dd"}));
  auto count = ValidateTaskFileWithHash(clean, {}, &LengthHash);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 4u);

  std::string dirty = WriteFile("dirty.json", Tasks({"aa", "bb", "cc", "bb"}));
  auto bad = ValidateTaskFileWithHash(dirty, {}, &LengthHash);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(),
              StartsWith(dirty + ":5:2: task 3: duplicate task_id \"bb\": first at line 3 (task 1)"));
}

TEST(DuplicateChecker, ReaderWithCollidingHash) {
  std::string path = WriteFile("r.jsonl",
                               "{\"task_id\": \"x1\", \"data\": {}}\n{\"task_id\": \"x2\", \"data\": {}}\n"
                               "{\"task_id\": \"x1\", \"data\": {}}\n");
  auto reader = OpenTaskReader(path, {}, &LengthHash);
  ASSERT_TRUE(reader.ok());
  Task task;
  EXPECT_TRUE(*(*reader)->Next(task));
  EXPECT_TRUE(*(*reader)->Next(task));  // x2 collides with x1 but is not a duplicate
  auto third = (*reader)->Next(task);
  ASSERT_FALSE(third.ok());
  EXPECT_THAT(third.status().message(),
              StartsWith(path + ":3:1: task 2: duplicate task_id \"x1\": first at line 1 (task 0)"));
}

TEST(DuplicateChecker, YamlAndGzip) {
  std::string yaml = "- {task_id: p, data: {}}\n- {task_id: q, data: {}}\n- {task_id: 'p', data: {}}\n";
  std::string path = WriteFile("d.yaml.gz", testing_util::Gzip(yaml));
  auto count = ValidateTaskFile(path);
  ASSERT_FALSE(count.ok());
  EXPECT_THAT(count.status().message(),
              StartsWith(path + ":3:3: task 2: duplicate task_id \"p\": first at line 1 (task 0)"));
}

TEST(DuplicateChecker, ValidateReportsTheFirstErrorInFileOrder) {
  // The duplicate (task 2) comes before the syntax error (task 3).
  std::string path = WriteFile("order.json",
                               "[{\"task_id\": \"a\", \"data\": {}},\n{\"task_id\": \"b\", \"data\": {}},\n"
                               "{\"task_id\": \"a\", \"data\": {}},\n{\"task_id\": \"c\", \"data\": []}]");
  auto count = ValidateTaskFile(path);
  ASSERT_FALSE(count.ok());
  EXPECT_THAT(count.status().message(),
              StartsWith(path + ":3:1: task 2: duplicate task_id \"a\": first at line 1 (task 0)"));
  // Without the duplicate, the later error is reported.
  path =
      WriteFile("order2.json", "[{\"task_id\": \"a\", \"data\": {}},\n{\"task_id\": \"c\", \"data\": []}]");
  count = ValidateTaskFile(path);
  ASSERT_FALSE(count.ok());
  EXPECT_THAT(count.status().message(),
              StartsWith(path + ":2:26: task 1: \"data\" must be an object (got array)"));
}

TEST(DuplicateChecker, ManyTasksOneRepeatFarApart) {
  std::vector<std::string> ids;
  for (int i = 0; i < 50000; ++i) ids.push_back("id-" + std::to_string(i));
  ids.push_back("id-123");
  std::string path = WriteFile("far.json", Tasks(ids));
  auto count = ValidateTaskFile(path);
  ASSERT_FALSE(count.ok());
  EXPECT_THAT(
      count.status().message(),
      StartsWith(path + ":50002:2: task 50000: duplicate task_id \"id-123\": first at line 125 (task 123)"));
  ids.back() = "id-50000";
  path = WriteFile("far_ok.json", Tasks(ids));
  count = ValidateTaskFile(path);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 50001u);
}

TEST(DuplicateChecker, SkippedTasksStillCount) {
  std::string path = WriteFile("s.json", Tasks({"a", "b", "a"}));
  auto tasks = testing_util::ReadAll(path, {.start_task = 2});
  ASSERT_FALSE(tasks.ok());
  EXPECT_THAT(tasks.status().message(), HasSubstr("duplicate task_id \"a\": first at line 2 (task 0)"));
}

}  // namespace
}  // namespace cloud_tasks::taskfile
