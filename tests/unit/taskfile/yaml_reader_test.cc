// YAML task files: structure the original's textual splitter broke on, typing, anchors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/json.h"
#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

using testing_util::ReadAll;
using testing_util::WriteFile;

std::vector<Task> ReadYaml(const std::string& text) {
  auto tasks = ReadAll(WriteFile("t.yaml", text));
  EXPECT_TRUE(tasks.ok()) << tasks.status().ToString();
  return tasks.ok() ? *tasks : std::vector<Task>{};
}

TEST(YamlReader, ReadsBlockSequenceWithPositions) {
  auto tasks = ReadYaml(
      "- task_id: t1\n"
      "  data:\n"
      "    num1: 1\n"
      "    num2: -2\n"
      "- data: {s: hello world}\n"
      "  task_id: t2\n");
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].task_id, "t1");
  EXPECT_EQ(tasks[0].data_json, "{\"num1\":1,\"num2\":-2}");
  EXPECT_EQ(tasks[0].line, 1u);
  EXPECT_EQ(tasks[0].column, 3u);
  EXPECT_EQ(tasks[1].task_id, "t2");
  EXPECT_EQ(tasks[1].data_json, "{\"s\":\"hello world\"}");
  EXPECT_EQ(tasks[1].index, 1u);
  EXPECT_EQ(tasks[1].line, 5u);
}

TEST(YamlReader, CommentsDocumentStartAndMultiLineData) {
  auto good = ReadYaml(
      "# leading comment\n"
      "---\n"
      "- task_id: a   # trailing comment\n"
      "  data:\n"
      "    list:\n"
      "    - 1\n"
      "    - [2, 3]\n"
      "    text: |\n"
      "      line one\n"
      "      - not an item\n"
      "    folded: >\n"
      "      a\n"
      "      b\n"
      "    plain: a multi\n"
      "      line scalar\n"
      "-\n"
      "  task_id: b\n"
      "  data: {x: [1,\n"
      "-2]}\n"
      "...\n");
  ASSERT_EQ(good.size(), 2u);
  EXPECT_EQ(good[0].data_json,
            "{\"list\":[1,[2,3]],\"text\":\"line one\\n- not an item\\n\",\"folded\":\"a b\\n\","
            "\"plain\":\"a multi line scalar\"}");
  EXPECT_EQ(good[1].task_id, "b");
  EXPECT_EQ(good[1].data_json, "{\"x\":[1,-2]}");
}

TEST(YamlReader, FlowSequenceAndEmptyList) {
  auto tasks = ReadYaml("[{task_id: a, data: {}}, {task_id: 'b', data: {k: v}}]");
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[1].data_json, "{\"k\":\"v\"}");
  EXPECT_TRUE(ReadYaml("[]\n").empty());
  EXPECT_TRUE(ReadYaml("--- []\n").empty());
}

TEST(YamlReader, ScalarTypingFollowsPyYamlSafeLoader) {
  auto tasks = ReadYaml(
      "- task_id: a\n"
      "  data:\n"
      "    i: 42\n"
      "    neg: -7\n"
      "    hex: 0x1F\n"
      "    f: 1.5\n"
      "    e: 1.0e+3\n"
      "    yes_: yes\n"
      "    off_: Off\n"
      "    n1: ~\n"
      "    n2: null\n"
      "    n3:\n"
      "    q: '42'\n"
      "    dq: \"true\"\n"
      "    s: hello\n"
      "    tagged_str: !!str 12\n"
      "    tagged_int: !!int '12'\n"
      "    tagged_float: !!float 1\n"
      "    nonspecific: ! 12\n"
      "    date: 2024-01-02\n");
  ASSERT_EQ(tasks.size(), 1u);
  Json data = Json::parse(tasks[0].data_json);
  EXPECT_EQ(data["i"], 42);
  EXPECT_EQ(data["neg"], -7);
  EXPECT_EQ(data["hex"], 31);
  EXPECT_EQ(data["f"], 1.5);
  EXPECT_EQ(data["e"], 1000.0);
  EXPECT_EQ(data["yes_"], true);
  EXPECT_EQ(data["off_"], false);
  EXPECT_TRUE(data["n1"].is_null());
  EXPECT_TRUE(data["n2"].is_null());
  EXPECT_TRUE(data["n3"].is_null());
  EXPECT_EQ(data["q"], "42");
  EXPECT_EQ(data["dq"], "true");
  EXPECT_EQ(data["s"], "hello");
  EXPECT_EQ(data["tagged_str"], "12");
  EXPECT_EQ(data["tagged_int"], 12);
  EXPECT_EQ(data["tagged_float"], 1.0);
  EXPECT_TRUE(data["tagged_float"].is_number_float());
  EXPECT_EQ(data["nonspecific"], "12");
  EXPECT_EQ(data["date"], "2024-01-02");
}

TEST(YamlReader, TaskIdForms) {
  auto tasks = ReadYaml(
      "- {task_id: '123', data: {}}\n"
      "- {task_id: !!str 124, data: {}}\n"
      "- {task_id: \"t\\u00e9\\U0001F600\", data: {}}\n"
      "- {task_id: t\xC3\xA2\x63he, data: {\xE2\x9C\x93: \"\xF0\x9F\x98\x80\"}}\n");
  ASSERT_EQ(tasks.size(), 4u);
  EXPECT_EQ(tasks[0].task_id, "123");
  EXPECT_EQ(tasks[1].task_id, "124");
  EXPECT_EQ(tasks[2].task_id, "t\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(tasks[3].task_id, "t\xC3\xA2\x63he");
  EXPECT_EQ(tasks[3].data_json, "{\"\xE2\x9C\x93\":\"\xF0\x9F\x98\x80\"}");
}

TEST(YamlReader, NonStringKeysBecomeJsonText) {
  auto tasks = ReadYaml("- task_id: a\n  data: {1: a, true: b, null: c, 1.5: d, 0x10: e, 'x': f}\n");
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].data_json,
            "{\"1\":\"a\",\"true\":\"b\",\"null\":\"c\",\"1.5\":\"d\",\"16\":\"e\",\"x\":\"f\"}");
}

TEST(YamlReader, AnchorsAliasesAndMergeKeys) {
  auto tasks = ReadYaml(
      "- task_id: a\n"
      "  data: &base {x: 1, y: [1, 2]}\n"
      "- task_id: b\n"
      "  data: *base\n"
      "- task_id: c\n"
      "  data:\n"
      "    <<: *base\n"
      "    y: overridden\n"
      "    z: &zz hello\n"
      "    w: *zz\n"
      "- task_id: d\n"
      "  data: {<<: [{p: 1}, {p: 2, q: 3}], r: 4}\n");
  ASSERT_EQ(tasks.size(), 4u);
  EXPECT_EQ(tasks[1].data_json, "{\"x\":1,\"y\":[1,2]}");
  Json c = Json::parse(tasks[2].data_json);
  EXPECT_EQ(c["x"], 1);
  EXPECT_EQ(c["y"], "overridden");
  EXPECT_EQ(c["w"], "hello");
  Json d = Json::parse(tasks[3].data_json);
  EXPECT_EQ(d["p"], 1);
  EXPECT_EQ(d["q"], 3);
  EXPECT_EQ(d["r"], 4);
}

TEST(YamlReader, DuplicateDataKeysKeepTheLastValue) {
  auto tasks = ReadYaml("- task_id: a\n  data: {k: 1, j: 0, k: 2}\n");
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].data_json, "{\"k\":2,\"j\":0}");
}

}  // namespace
}  // namespace cloud_tasks::taskfile
