// YAML rule violations and safety: every message names file, line:column, task and rule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing_util::ReadError;
using testing_util::WriteFile;

void ExpectYamlError(const std::string& text, const std::string& where_and_what) {
  std::string path = WriteFile("bad.yaml", text);
  EXPECT_THAT(ReadError(path), StartsWith(path + ":" + where_and_what)) << "input:\n" << text;
}

TEST(YamlErrors, TopLevelMustBeOneSequence) {
  ExpectYamlError("task_id: a\ndata: {}\n",
                  "1:1: the top level must be a YAML sequence of task mappings (got mapping)");
  ExpectYamlError("hello\n", "1:1: the top level must be a YAML sequence of task mappings (got string)");
  ExpectYamlError("---\n", "2:1: the top level must be a YAML sequence of task mappings (got null)");
  ExpectYamlError("", "1:1: the file is empty: expected a YAML sequence of tasks");
  ExpectYamlError("# only a comment\n", "2:1: the file is empty");
  ExpectYamlError("- {task_id: a, data: {}}\n---\n- {task_id: b, data: {}}\n",
                  "2:1: a task file holds one YAML document, found a second one");
}

TEST(YamlErrors, ItemsMustBeMappings) {
  ExpectYamlError("- {task_id: a, data: {}}\n- just text\n",
                  "2:3: task 1: a task must be a mapping (got string)");
  ExpectYamlError("- [1, 2]\n", "1:3: task 0: a task must be a mapping (got sequence)");
}

TEST(YamlErrors, TaskIdRules) {
  ExpectYamlError(
      "- task_id: 123\n  data: {}\n",
      "1:12: task 0: \"task_id\" must be a non-empty string (got int); quote it: task_id: \"123\"");
  ExpectYamlError("- task_id: 1.5\n  data: {}\n",
                  "1:12: task 0: \"task_id\" must be a non-empty string (got float)");
  ExpectYamlError(
      "- task_id: yes\n  data: {}\n",
      "1:12: task 0: \"task_id\" must be a non-empty string (got bool); quote it: task_id: \"yes\"");
  ExpectYamlError("- task_id:\n  data: {}\n",
                  "1:11: task 0: \"task_id\" must be a non-empty string (got null)");
  ExpectYamlError("- task_id: ''\n  data: {}\n",
                  "1:12: task 0: \"task_id\" must be a non-empty string (got empty string)");
  ExpectYamlError("- task_id: [a]\n  data: {}\n",
                  "1:12: task 0: \"task_id\" must be a non-empty string (got sequence)");
  ExpectYamlError("- data: {}\n", "1:3: task 0: missing \"task_id\" (a non-empty string)");
  ExpectYamlError("- task_id: a\n  data: {}\n  task_id: b\n",
                  "3:3: task 0: duplicate key \"task_id\" in the task mapping");
}

TEST(YamlErrors, DataRules) {
  ExpectYamlError("- task_id: a\n", "1:3: task 0: missing \"data\" (a mapping)");
  ExpectYamlError("- task_id: a\n  data: [1]\n", "2:9: task 0: \"data\" must be a mapping (got sequence)");
  ExpectYamlError("- task_id: a\n  data: 5\n", "2:9: task 0: \"data\" must be a mapping (got int)");
  ExpectYamlError("- task_id: a\n  data: {}\n  data: {}\n",
                  "3:3: task 0: duplicate key \"data\" in the task mapping");
}

TEST(YamlErrors, DuplicateTaskIds) {
  ExpectYamlError("- task_id: a\n  data: {}\n- task_id: b\n  data: {}\n- task_id: a\n  data: {}\n",
                  "5:3: task 2: duplicate task_id \"a\": first at line 1 (task 0)");
}

TEST(YamlErrors, TagsAreNotAllowed) {
  ExpectYamlError("- task_id: a\n  data: {x: !!python/object:os.system ls}\n",
                  "2:13: task 0: tags are not allowed: !!python/object:os.system (only the standard");
  ExpectYamlError("- task_id: a\n  data: !!python/object/apply:os.system [ls]\n",
                  "2:9: task 0: tags are not allowed: !!python/object/apply:os.system");
  ExpectYamlError("- !custom {task_id: a, data: {}}\n", "1:3: task 0: tags are not allowed: !custom");
  ExpectYamlError("- task_id: a\n  data: {when: !!timestamp 2024-01-01}\n",
                  "2:16: task 0: tags are not allowed: !!timestamp");
  ExpectYamlError("- task_id: a\n  data: {x: !!binary aGVsbG8=}\n",
                  "2:13: task 0: tags are not allowed: !!binary");
  ExpectYamlError("- task_id: a\n  data: {x: !!int abc}\n", "2:13: task 0: invalid value for !!int: \"abc\"");
  ExpectYamlError("!!set {a, b}\n", "1:1: tags are not allowed: !!set");
}

TEST(YamlErrors, NonFiniteFloats) {
  ExpectYamlError("- task_id: a\n  data: {x: .nan}\n", "2:13: task 0: the value .nan is not a finite number");
  ExpectYamlError("- task_id: a\n  data:\n    x: -.inf\n",
                  "3:8: task 0: the value -.inf is not a finite number");
}

TEST(YamlErrors, KeysMustBeScalars) {
  ExpectYamlError("- task_id: a\n  data: {? [1, 2] : x}\n", "2:12: task 0: mapping keys must be scalars");
}

TEST(YamlErrors, AliasProblems) {
  ExpectYamlError("- task_id: a\n  data: {x: *nope}\n",
                  "2:13: task 0: alias *nope does not refer to a complete anchored node");
  ExpectYamlError("- task_id: a\n  data: &r {x: *r}\n", "2:16: task 0: alias *r does not refer");
  ExpectYamlError("- task_id: a\n  data: {<<: 5}\n",
                  "2:14: task 0: the merge key '<<' needs a mapping or a sequence of mappings (got int)");
}

// Anchors l0..l<levels>, each a sequence of four aliases to the previous one.
std::string Laughs(int levels, const std::string& tail) {
  std::string text = "- task_id: a\n  data:\n    l0: &l0 [\"" + std::string(100, 'x') + "\"]\n";
  for (int i = 1; i <= levels; ++i) {
    std::string prev = "*l" + std::to_string(i - 1);
    text += "    l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + prev + ", " + prev + ", " +
            prev + ", " + prev + "]\n";
  }
  return text + tail;
}

TEST(YamlErrors, BillionLaughsIsBounded) {
  // Anchored values are stored expanded: their total is capped.
  std::string path = WriteFile("laughs.yaml", Laughs(30, ""));
  EXPECT_THAT(ReadError(path), HasSubstr("task 0: anchored YAML values total more than 16 MiB"));
  // Without more anchors, the expansion of one task is capped.
  std::string many = "    big: [";
  for (int i = 0; i < 40; ++i) many += "*l8, ";
  path = WriteFile("laughs2.yaml", Laughs(8, many + "]\n"));
  EXPECT_THAT(ReadError(path),
              HasSubstr("task 0: the task is larger than 64 MiB (counting expanded aliases)"));
}

TEST(YamlErrors, SyntaxAndEncodingErrors) {
  ExpectYamlError("- task_id: a\n  data: {x: 1\n",
                  "3:1: task 0: invalid YAML: did not find expected ',' or '}'");
  ExpectYamlError("- task_id: a\n  data: x: y\n",
                  "2:10: task 0: invalid YAML: mapping values are not allowed");
  ExpectYamlError("- task_id: \"a\xFF\"\n  data: {}\n", "1:14: invalid YAML: invalid leading UTF-8 octet");
  ExpectYamlError("- task_id: a\n  data: {x: \"\xC3\xA9\xC3\"}\n",
                  "2:17: invalid YAML: invalid trailing UTF-8 octet");
  std::string path = WriteFile("bad.yaml", "- task_id: \"a\xFF\"\n  data: {}\n");
  EXPECT_THAT(ReadError(path),
              HasSubstr("invalid YAML: invalid leading UTF-8 octet (byte 0xFF at offset 13)"));
  path = WriteFile("ctl.yaml", "- task_id: \"a\x01\"\n  data: {}\n");
  EXPECT_THAT(ReadError(path), HasSubstr("invalid YAML: control characters are not allowed"));
}

}  // namespace
}  // namespace cloud_tasks::taskfile
