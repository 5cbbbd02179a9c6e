// gzip-compressed task files in every format.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "taskfile/byte_source.h"
#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing_util::Gzip;
using testing_util::ReadAll;
using testing_util::ReadError;
using testing_util::WriteFile;
using testing_util::WriteGzipFile;

constexpr const char* kJson =
    "[{\"task_id\": \"a\", \"data\": {\"x\": 1}},\n {\"task_id\": \"b\", \"data\": {}}]";
constexpr const char* kJsonLines =
    "{\"task_id\": \"a\", \"data\": {\"x\": 1}}\n{\"task_id\": \"b\", \"data\": {}}\n";
constexpr const char* kYaml = "- task_id: a\n  data: {x: 1}\n- task_id: b\n  data: {}\n";

void ExpectTwoTasks(const std::string& path, uint64_t second_line) {
  auto tasks = ReadAll(path);
  ASSERT_TRUE(tasks.ok()) << path << ": " << tasks.status().ToString();
  ASSERT_EQ(tasks->size(), 2u) << path;
  EXPECT_EQ((*tasks)[0].task_id, "a");
  EXPECT_EQ((*tasks)[0].data_json, "{\"x\":1}");
  EXPECT_EQ((*tasks)[1].task_id, "b");
  EXPECT_EQ((*tasks)[1].line, second_line);
  auto count = ValidateTaskFile(path);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 2u);
}

TEST(Gzip, EveryFormat) {
  ExpectTwoTasks(WriteGzipFile("t.json.gz", kJson), 2);
  ExpectTwoTasks(WriteGzipFile("t.jsonl.gz", kJsonLines), 2);
  ExpectTwoTasks(WriteGzipFile("t.yaml.gz", kYaml), 3);
  ExpectTwoTasks(WriteGzipFile("t.yml.gz", kYaml), 3);
  ExpectTwoTasks(WriteGzipFile("t.JSON.GZ", kJson), 2);
}

TEST(Gzip, ErrorsCarryPositionsOfTheDecompressedText) {
  std::string path = WriteGzipFile("bad.json.gz", "[\n{\"task_id\": 7, \"data\": {}}]");
  EXPECT_THAT(ReadError(path),
              StartsWith(path + ":2:13: task 0: \"task_id\" must be a non-empty string (got number)"));
  path = WriteGzipFile("bad.yaml.gz", "- task_id: a\n  data: {x: \"\xFF\"}\n");
  EXPECT_THAT(ReadError(path), StartsWith(path + ":2:14: invalid YAML: invalid leading UTF-8 octet"));
}

TEST(Gzip, ConcatenatedMembers) {
  std::string path = WriteFile("multi.jsonl.gz", Gzip("{\"task_id\": \"a\", \"data\": {\"x\": 1}}\n") +
                                                     Gzip("{\"task_id\": \"b\", \"data\": {}}\n"));
  ExpectTwoTasks(path, 2);
}

TEST(Gzip, CorruptAndTruncatedData) {
  std::string packed = Gzip(std::string(kJson) + std::string(10000, ' '));
  std::string corrupt = packed;
  for (size_t i = 12; i < 40 && i < corrupt.size(); ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5A);
  std::string path = WriteFile("corrupt.json.gz", corrupt);
  EXPECT_THAT(ReadError(path), StartsWith(path + ": invalid gzip data: "));
  path = WriteFile("truncated.json.gz", packed.substr(0, packed.size() / 2));
  EXPECT_THAT(ReadError(path), HasSubstr(path + ": truncated gzip data"));
  path = WriteFile("plain.json.gz", kJson);  // not gzip at all
  EXPECT_THAT(ReadError(path), StartsWith(path + ": invalid gzip data: incorrect header check"));
}

TEST(Gzip, EmptyFiles) {
  std::string path = WriteFile("zero.json.gz", "");
  EXPECT_THAT(ReadError(path), StartsWith(path + ":1:1: the file is empty"));
  path = WriteGzipFile("empty.jsonl.gz", "");
  auto tasks = ReadAll(path);
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  EXPECT_TRUE(tasks->empty());
}

TEST(Gzip, ByteSourceStreamsLargeContent) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "line " + std::to_string(i) + "\n";
  std::string path = WriteFile("big.gz", Gzip(text));
  std::string back;
  ASSERT_TRUE(ReadAllBytes(path, true, back).ok());
  EXPECT_EQ(back, text);
}

}  // namespace
}  // namespace cloud_tasks::taskfile
