// start_task / limit semantics (as the original: start_task=N skips N tasks).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

using testing_util::ReadAll;
using testing_util::WriteFile;

std::string FiveTasks(const std::string& ext) {
  std::string text = ext == "yaml" ? "" : ext == "json" ? "[\n" : "";
  for (int i = 0; i < 5; ++i) {
    std::string id = "t" + std::to_string(i);
    if (ext == "yaml") {
      text += "- {task_id: " + id + ", data: {i: " + std::to_string(i) + "}}\n";
    } else {
      text += "{\"task_id\": \"" + id + "\", \"data\": {\"i\": " + std::to_string(i) + "}}";
      text += ext == "json" ? (i < 4 ? ",\n" : "\n]") : "\n";
    }
  }
  return WriteFile("five." + ext, text);
}

std::vector<std::string> Ids(const std::string& path, ReaderOptions options) {
  auto tasks = ReadAll(path, options);
  EXPECT_TRUE(tasks.ok()) << tasks.status().ToString();
  std::vector<std::string> ids;
  if (tasks.ok()) {
    for (const Task& t : *tasks) ids.push_back(t.task_id);
  }
  return ids;
}

uint64_t Count(const std::string& path, ReaderOptions options) {
  auto count = ValidateTaskFile(path, options);
  EXPECT_TRUE(count.ok()) << count.status().ToString();
  return count.ok() ? *count : 999;
}

class Options : public ::testing::TestWithParam<std::string> {};

TEST_P(Options, StartTaskSkipsThatManyTasks) {
  std::string path = FiveTasks(GetParam());
  using V = std::vector<std::string>;
  EXPECT_EQ(Ids(path, {}), (V{"t0", "t1", "t2", "t3", "t4"}));
  EXPECT_EQ(Ids(path, {.start_task = 2}), (V{"t2", "t3", "t4"}));  // starts at the third
  EXPECT_EQ(Ids(path, {.start_task = 5}), V{});
  EXPECT_EQ(Ids(path, {.start_task = 99}), V{});
  auto tasks = ReadAll(path, {.start_task = 2});
  ASSERT_TRUE(tasks.ok());
  EXPECT_EQ((*tasks)[0].index, 2u);  // indexes stay positions in the file
}

TEST_P(Options, LimitCapsAfterSkipping) {
  std::string path = FiveTasks(GetParam());
  using V = std::vector<std::string>;
  EXPECT_EQ(Ids(path, {.limit = 2}), (V{"t0", "t1"}));
  EXPECT_EQ(Ids(path, {.start_task = 1, .limit = 3}), (V{"t1", "t2", "t3"}));
  EXPECT_EQ(Ids(path, {.start_task = 3, .limit = 10}), (V{"t3", "t4"}));
  EXPECT_EQ(Ids(path, {.limit = 0}), V{});
  EXPECT_EQ(Ids(path, {.limit = -1}), V{});
}

TEST_P(Options, ValidateCountsTheSelectedTasks) {
  std::string path = FiveTasks(GetParam());
  EXPECT_EQ(Count(path, {}), 5u);
  EXPECT_EQ(Count(path, {.start_task = 2}), 3u);
  EXPECT_EQ(Count(path, {.start_task = 7}), 0u);
  EXPECT_EQ(Count(path, {.limit = 2}), 2u);
  EXPECT_EQ(Count(path, {.start_task = 4, .limit = 2}), 1u);
  EXPECT_EQ(Count(path, {.limit = 0}), 0u);
  EXPECT_EQ(Count(path, {.limit = -5}), 0u);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, Options, ::testing::Values("json", "jsonl", "yaml"));

TEST(OptionsValidation, ValidateChecksTheWholeFileWhateverTheLimit) {
  std::string path = WriteFile("late.json",
                               "[{\"task_id\": \"a\", \"data\": {}}, {\"task_id\": \"b\", \"data\": {}},\n"
                               " {\"task_id\": \"a\", \"data\": {}}]");
  auto count = ValidateTaskFile(path, {.limit = 1});
  ASSERT_FALSE(count.ok());
  EXPECT_THAT(count.status().message(), ::testing::HasSubstr("duplicate task_id \"a\""));
  // The reader stops at the limit and never parses the bad task.
  auto tasks = ReadAll(path, {.limit = 1});
  ASSERT_TRUE(tasks.ok());
  EXPECT_EQ(tasks->size(), 1u);
}

TEST(OptionsValidation, DuplicateCheckCanBeTurnedOffInTheReader) {
  std::string path =
      WriteFile("dup.json", "[{\"task_id\": \"a\", \"data\": {}}, {\"task_id\": \"a\", \"data\": {}}]");
  EXPECT_FALSE(ReadAll(path).ok());
  auto tasks = ReadAll(path, {.check_duplicates = false});
  ASSERT_TRUE(tasks.ok());
  EXPECT_EQ(tasks->size(), 2u);
  EXPECT_FALSE(ValidateTaskFile(path, {.check_duplicates = false}).ok());
}

}  // namespace
}  // namespace cloud_tasks::taskfile
