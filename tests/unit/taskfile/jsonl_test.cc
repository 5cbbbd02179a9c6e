// JSON Lines: one task object per line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

using ::testing::StartsWith;
using testing_util::ReadAll;
using testing_util::ReadError;
using testing_util::WriteFile;

TEST(JsonLines, ReadsOneTaskPerLineWithBlankLines) {
  std::string path = WriteFile("t.jsonl",
                               "\n{\"task_id\": \"a\", \"data\": {\"x\": 1}}\r\n"
                               "\n   \n"
                               "  {\"task_id\": \"b\", \"data\": { \"y\" : [ 2 ] }}   \n"
                               "{\"task_id\": \"c\", \"data\": {}}");
  auto tasks = ReadAll(path);
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  ASSERT_EQ(tasks->size(), 3u);
  EXPECT_EQ((*tasks)[0].task_id, "a");
  EXPECT_EQ((*tasks)[0].line, 2u);
  EXPECT_EQ((*tasks)[1].data_json, "{\"y\":[2]}");
  EXPECT_EQ((*tasks)[1].line, 5u);
  EXPECT_EQ((*tasks)[1].column, 3u);
  EXPECT_EQ((*tasks)[2].index, 2u);
  EXPECT_EQ((*tasks)[2].line, 6u);
}

TEST(JsonLines, NdjsonExtensionAndEmptyFile) {
  auto tasks = ReadAll(WriteFile("t.ndjson", "{\"task_id\": \"a\", \"data\": {}}\n"));
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  EXPECT_EQ(tasks->size(), 1u);
  auto none = ReadAll(WriteFile("e.jsonl", "\n\n"));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(JsonLines, Errors) {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"{\"task_id\": \"a\", \"data\": {}} {\"task_id\": \"b\", \"data\": {}}\n",
       "1:30: unexpected '{' after task 0: a JSON Lines file holds one task object per line"},
      {"{\"task_id\": \"a\",\n \"data\": {}}\n", "1:17: task 0: a JSON Lines task must be on one line"},
      {"{\"task_id\": \"a\", \"data\": {}}\n[1]\n", "2:1: task 1: a task must be a JSON object (got array)"},
      {"{\"task_id\": \"a\", \"data\": {}},\n", "1:29: unexpected ',' after task 0"},
      {"{\"task_id\": \"a\", \"data\": {}}\n{\"task_id\": 1, \"data\": {}}\n",
       "2:13: task 1: \"task_id\" must be a non-empty string (got number)"},
      {"{\"task_id\": \"a\", \"data\": {}}\n{\"task_id\": \"a\", \"data\": {}}\n",
       "2:1: task 1: duplicate task_id \"a\": first at line 1 (task 0)"},
      {"{\"task_id\": \"a\", \"data\": {\"x\": 1}",
       "1:34: task 0: invalid JSON: unexpected end of file, expected ',' or '}' after an object member"},
  };
  for (const Case& c : cases) {
    std::string path = WriteFile("bad.jsonl", c.text);
    EXPECT_THAT(ReadError(path), StartsWith(path + ":" + c.expected)) << c.text;
  }
}

}  // namespace
}  // namespace cloud_tasks::taskfile
