// A large generated file is streamed, in every format.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>

#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

constexpr int kTasks = 200000;

std::string Id(int i) { return "task-" + std::to_string(i); }

std::string Generate(const std::string& name, bool json_lines, bool gzip) {
  std::string text = json_lines ? "" : "[\n";
  for (int i = 0; i < kTasks; ++i) {
    text += "{\"task_id\": \"" + Id(i) + "\", \"data\": {\"num1\": " + std::to_string(i) + ", \"num2\": -" +
            std::to_string(i * 7 % 1000) + ".5, \"name\": \"n\\u00e9 " + std::to_string(i) + "\"}}";
    text += json_lines ? "\n" : (i + 1 < kTasks ? ",\n" : "\n]\n");
  }
  return gzip ? testing_util::WriteGzipFile(name, text) : testing_util::WriteFile(name, text);
}

void ExpectStreams(const std::string& path, uint64_t first_line) {
  auto reader = TaskReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Task task;
  uint64_t n = 0;
  for (;;) {
    auto got = (*reader)->Next(task);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    if (!*got) break;
    if (n % 49999 == 0) {
      ASSERT_EQ(task.task_id, Id(static_cast<int>(n)));
      ASSERT_EQ(task.line, first_line + n);
      ASSERT_EQ(task.data_json, "{\"num1\":" + std::to_string(n) + ",\"num2\":-" +
                                    std::to_string(n * 7 % 1000) + ".5,\"name\":\"n\\u00e9 " +
                                    std::to_string(n) + "\"}");
    }
    ++n;
  }
  EXPECT_EQ(n, static_cast<uint64_t>(kTasks));
  auto count = ValidateTaskFile(path);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, static_cast<uint64_t>(kTasks));
}

TEST(LargeFile, JsonArray) {
  std::string path = Generate("big.json", false, false);
  ExpectStreams(path, 2);
  std::remove(path.c_str());
}

TEST(LargeFile, JsonLinesGzip) {
  std::string path = Generate("big.jsonl.gz", true, true);
  ExpectStreams(path, 1);
  std::remove(path.c_str());
}

TEST(LargeFile, Yaml) {
  std::string text;
  for (int i = 0; i < 50000; ++i) {
    text += "- task_id: " + Id(i) + "\n  data:\n    num1: " + std::to_string(i) + "\n    s: x\n";
  }
  std::string path = testing_util::WriteFile("big.yaml", text);
  auto count = ValidateTaskFile(path);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, 50000u);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace cloud_tasks::taskfile
