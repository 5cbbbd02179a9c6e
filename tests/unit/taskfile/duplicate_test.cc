// Duplicate task ids: bounded memory, and a hash collision never gives a false error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "taskfile/duplicate_checker.h"
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
  EXPECT_THAT(bad.status().message(), StartsWith(dirty + ":5:2: task 3: duplicate task_id \"bb\": first at line 3 (task 1)"));
}

TEST(DuplicateChecker, ReaderWithCollidingHash) {
  std::string path = WriteFile("r.jsonl", "{\"task_id\": \"x1\", \"data\": {}}\n{\"task_id\": \"x2\", \"data\": {}}\n"
                                          "{\"task_id\": \"x1\", \"data\": {}}\n");
  auto reader = OpenTaskReader(path, {}, &LengthHash);
  ASSERT_TRUE(reader.ok());
  Task task;
  EXPECT_TRUE(*(*reader)->Next(task));
  EXPECT_TRUE(*(*reader)->Next(task));  // x2 collides with x1 but is not a duplicate
  auto third = (*reader)->Next(task);
  ASSERT_FALSE(third.ok());
  EXPECT_THAT(third.status().message(), StartsWith(path + ":3:1: task 2: duplicate task_id \"x1\": first at line 1 (task 0)"));
}

TEST(DuplicateChecker, YamlAndGzip) {
  std::string yaml = "- {task_id: p, data: {}}\n- {task_id: q, data: {}}\n- {task_id: 'p', data: {}}\n";
  std::string path = WriteFile("d.yaml.gz", testing_util::Gzip(yaml));
  auto count = ValidateTaskFile(path);
  ASSERT_FALSE(count.ok());
  EXPECT_THAT(count.status().message(), StartsWith(path + ":3:3: task 2: duplicate task_id \"p\": first at line 1 (task 0)"));
}

TEST(DuplicateChecker, SkippedTasksStillCount) {
  std::string path = WriteFile("s.json", Tasks({"a", "b", "a"}));
  auto tasks = testing_util::ReadAll(path, {.start_task = 2});
  ASSERT_FALSE(tasks.ok());
  EXPECT_THAT(tasks.status().message(), HasSubstr("duplicate task_id \"a\": first at line 2 (task 0)"));
}

}  // namespace
}  // namespace cloud_tasks::taskfile
