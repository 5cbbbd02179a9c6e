// Every JSON rule violation: message names the file, line:column, the task and the rule.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

using ::testing::StartsWith;
using testing_util::ReadAll;
using testing_util::ReadError;
using testing_util::WriteFile;

// Reading `text` as a .json file fails with a message that starts with
// "<path>:<where_and_what>".
void ExpectJsonError(const std::string& text, const std::string& where_and_what,
                     const char* ext = "bad.json") {
  std::string path = WriteFile(ext, text);
  EXPECT_THAT(ReadError(path), StartsWith(path + ":" + where_and_what)) << "input: " << text;
}

TEST(JsonErrors, TopLevelMustBeAnArray) {
  ExpectJsonError("{\"task_id\": \"a\", \"data\": {}}",
                  "1:1: the top level must be a JSON array of task objects (got object)");
  ExpectJsonError("\n  \"tasks\"", "2:3: the top level must be a JSON array of task objects (got string)");
  ExpectJsonError("", "1:1: the file is empty: expected a JSON array of tasks");
  ExpectJsonError(" \n ", "2:2: the file is empty");
  ExpectJsonError("x", "1:1: invalid JSON: unexpected 'x', expected '['");
}

TEST(JsonErrors, EachItemMustBeAnObject) {
  ExpectJsonError("[1]", "1:2: task 0: a task must be a JSON object (got number)");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {}},\n [\"b\"]]",
                  "2:2: task 1: a task must be a JSON object (got array)");
  ExpectJsonError("[null]", "1:2: task 0: a task must be a JSON object (got null)");
}

TEST(JsonErrors, TaskIdRules) {
  ExpectJsonError("[\n  {\"data\": {}}\n]", "2:3: task 0: missing \"task_id\" (a non-empty string)");
  ExpectJsonError("[\n  {\"task_id\": 5, \"data\": {}}\n]",
                  "2:15: task 0: \"task_id\" must be a non-empty string (got number)");
  ExpectJsonError("[{\"task_id\": \"\", \"data\": {}}]",
                  "1:14: task 0: \"task_id\" must be a non-empty string (got empty string)");
  ExpectJsonError("[{\"task_id\": null, \"data\": {}}]",
                  "1:14: task 0: \"task_id\" must be a non-empty string (got null)");
  ExpectJsonError("[{\"task_id\": {\"x\": 1}, \"data\": {}}]",
                  "1:14: task 0: \"task_id\" must be a non-empty string (got object)");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {}, \"task_id\": \"b\"}]",
                  "1:31: task 0: duplicate key \"task_id\" in the task object");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {}, \"task\\u005fid\": \"b\"}]",
                  "1:31: task 0: duplicate key \"task_id\"");
}

TEST(JsonErrors, DataRules) {
  ExpectJsonError("[{\"task_id\": \"a\"},\n{\"task_id\": \"b\"}]",
                  "1:2: task 0: missing \"data\" (an object)");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": [1, 2]}]",
                  "1:27: task 0: \"data\" must be an object (got array)");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": \"x\"}]",
                  "1:27: task 0: \"data\" must be an object (got string)");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {}, \"data\": {}}]",
                  "1:31: task 0: duplicate key \"data\" in the task object");
}

TEST(JsonErrors, DuplicateTaskIdNamesBothPositions) {
  ExpectJsonError(
      "[\n {\"task_id\": \"x\", \"data\": {}},\n {\"task_id\": \"y\", \"data\": {}},\n"
      " {\"task_id\": \"x\", \"data\": {}}\n]",
      "4:2: task 2: duplicate task_id \"x\": first at line 2 (task 0)");
  // Equal after decoding escapes.
  ExpectJsonError("[{\"task_id\": \"ab\", \"data\": {}}, {\"task_id\": \"a\\u0062\", \"data\": {}}]",
                  "1:33: task 1: duplicate task_id \"ab\": first at line 1 (task 0)");
}

TEST(JsonErrors, SyntaxErrors) {
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": @}}]",
                  "1:33: task 0: invalid JSON: unexpected '@', expected a JSON value");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\" 1}}]",
                  "1:32: task 0: invalid JSON: unexpected '1', expected ':' after an object key");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": 1 \"y\": 2}}]",
                  "1:35: task 0: invalid JSON: unexpected '\"', expected ',' or '}' after an object member");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {x: 1}}]",
                  "1:28: task 0: invalid JSON: unexpected 'x', expected a string key");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": tru}}]",
                  "1:33: task 0: invalid JSON: unknown literal");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {}} {\"task_id\": \"b\", \"data\": {}}]",
                  "1:31: invalid JSON: unexpected '{', expected ',' or ']' after task 0");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {}}",
                  "1:30: invalid JSON: unexpected end of file, expected ',' or ']' after task 0");
  ExpectJsonError("[", "1:2: invalid JSON: unexpected end of file, expected a task or ']'");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": [1, 2}}]",
                  "1:38: task 0: invalid JSON: unexpected '}', expected ',' or ']' after an array element");
}

TEST(JsonErrors, StringErrors) {
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"abc",
                  "1:33: task 0: invalid JSON: unterminated string");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"a\\qb\"}}]",
                  "1:35: task 0: invalid JSON: bad escape \\'q'");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"\\u12G4\"}}]",
                  "1:34: task 0: invalid JSON: \\u must be followed by 4 hex digits");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"\\ud800x\"}}]",
                  "1:34: task 0: invalid JSON: high surrogate in \\u escape not followed by a low surrogate");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"\\udc00\"}}]",
                  "1:34: task 0: invalid JSON: unpaired low surrogate");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"line\nbreak\"}}]",
                  "1:38: task 0: invalid JSON: control character U+000A in a string");
  ExpectJsonError("[{\"task_id\": \"a\tb\", \"data\": {}}]",
                  "1:16: task 0: invalid JSON: control character U+0009");
  ExpectJsonError(std::string("[{\"task_id\": \"a\", \"data\": {\"x\": \"nul\0\"}}]", 41),
                  "1:37: task 0: invalid JSON: control character U+0000");
}

TEST(JsonErrors, NumberErrors) {
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": 01}}]",
                  "1:33: task 0: invalid JSON: number with a leading zero");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": 1.}}]",
                  "1:35: task 0: invalid JSON: unexpected '}', expected a digit after the decimal point");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": -}}]",
                  "1:34: task 0: invalid JSON: unexpected '}', expected a digit");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": 1e}}]",
                  "1:35: task 0: invalid JSON: unexpected '}', expected a digit in the exponent");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": +1}}]",
                  "1:33: task 0: invalid JSON: unexpected '+', expected a JSON value");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": .5}}]",
                  "1:33: task 0: invalid JSON: unexpected '.', expected a JSON value");
}

TEST(JsonErrors, TrailingCommas) {
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {}},\n]", "2:1: invalid JSON: trailing comma before ']'");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": 1,}}]",
                  "1:35: task 0: invalid JSON: trailing comma before '}'");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": [1,]}}]",
                  "1:36: task 0: invalid JSON: trailing comma before ']'");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {},}]",
                  "1:30: task 0: invalid JSON: trailing comma before '}'");
}

TEST(JsonErrors, TrailingGarbage) {
  ExpectJsonError("[]\n x", "2:2: invalid JSON: unexpected data after the top-level array");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {}}] []",
                  "1:32: invalid JSON: unexpected data after the top-level array");
}

TEST(JsonErrors, InvalidUtf8) {
  ExpectJsonError("[{\"task_id\": \"a\xFF\", \"data\": {}}]",
                  "1:16: task 0: invalid UTF-8 byte 0xFF in a string");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"\xC0\xAF\"}}]",
                  "1:34: task 0: invalid UTF-8 byte 0xC0 in a string");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"\xED\xA0\x80\"}}]",
                  "1:34: task 0: invalid UTF-8 byte 0xED in a string");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"\xF4\x90\x80\x80\"}}]",
                  "1:34: task 0: invalid UTF-8 byte 0xF4 in a string");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"\xE2\x9C\"}}]",
                  "1:34: task 0: invalid UTF-8 byte 0xE2 in a string");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \"\xE2\x9C",
                  "1:34: task 0: invalid UTF-8: truncated sequence");
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": \xC3\xA9}}]",
                  "1:33: task 0: invalid JSON: unexpected byte 0xC3, expected a JSON value");
  ExpectJsonError("\xFF[]", "1:1: invalid JSON: unexpected byte 0xFF, expected '['");
}

TEST(JsonErrors, NestingLimit) {
  std::string deep = std::string(600, '[') + std::string(600, ']');
  ExpectJsonError("[{\"task_id\": \"a\", \"data\": {\"x\": " + deep + "}}]",
                  "1:543: task 0: nesting deeper than 512 levels");
}

TEST(JsonErrors, ErrorsAreSticky) {
  std::string path =
      WriteFile("s.json", "[{\"task_id\": \"a\", \"data\": {}}, 7, {\"task_id\": \"b\", \"data\": {}}]");
  auto reader = TaskReader::Open(path);
  ASSERT_TRUE(reader.ok());
  Task task;
  auto first = (*reader)->Next(task);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  auto second = (*reader)->Next(task);
  ASSERT_FALSE(second.ok());
  auto third = (*reader)->Next(task);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(second.status().message(), third.status().message());
  EXPECT_THAT(second.status().message(),
              StartsWith(path + ":1:32: task 1: a task must be a JSON object (got number)"));
}

}  // namespace
}  // namespace cloud_tasks::taskfile
