// JSON array reading: values, positions, compact data, unicode, chunk boundaries.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/json.h"
#include "taskfile/byte_source.h"
#include "taskfile/task_source.h"
#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

using testing_util::ReadAll;
using testing_util::WriteFile;

TEST(JsonReader, ReadsTasksWithPositions) {
  std::string path = WriteFile("t.json",
                               "[\n"
                               "  {\"task_id\": \"t1\", \"data\": {\"a\": 1}},\n"
                               "  {\"extra\": [1, {\"x\": null}], \"data\": {}, \"task_id\": \"t2\"}\n"
                               "]\n");
  auto tasks = ReadAll(path);
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  ASSERT_EQ(tasks->size(), 2u);
  EXPECT_EQ((*tasks)[0].task_id, "t1");
  EXPECT_EQ((*tasks)[0].data_json, "{\"a\":1}");
  EXPECT_EQ((*tasks)[0].index, 0u);
  EXPECT_EQ((*tasks)[0].line, 2u);
  EXPECT_EQ((*tasks)[0].column, 3u);
  EXPECT_EQ((*tasks)[1].task_id, "t2");
  EXPECT_EQ((*tasks)[1].data_json, "{}");
  EXPECT_EQ((*tasks)[1].index, 1u);
  EXPECT_EQ((*tasks)[1].line, 3u);
}

TEST(JsonReader, EmptyArrayHasNoTasks) {
  for (const char* text : {"[]", "  [ \n ] \n", "\xEF\xBB\xBF[]"}) {
    auto tasks = ReadAll(WriteFile("e.json", text));
    ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
    EXPECT_TRUE(tasks->empty());
  }
}

TEST(JsonReader, DataIsCompactedOutsideStringsOnly) {
  std::string path = WriteFile("c.json",
                               "[{\"task_id\":\"a\",\"data\":\n"
                               "  { \"k\" : [ 1 , -2.5e+3 , true , false , null ] ,\r\n"
                               "\t\"s\" : \"keep  these\\t spaces \\\" \\\\ \\/ \\u00e9\" ,\n"
                               "    \"o\" : { } , \"e\" : [ ] }\n"
                               "}]");
  auto tasks = ReadAll(path);
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].data_json,
            "{\"k\":[1,-2.5e+3,true,false,null],\"s\":\"keep  these\\t spaces \\\" \\\\ \\/ \\u00e9\","
            "\"o\":{},\"e\":[]}");
  Json parsed = Json::parse((*tasks)[0].data_json);
  EXPECT_EQ(parsed["s"], "keep  these\t spaces \" \\ / \xC3\xA9");
}

TEST(JsonReader, UnicodeTaskIdsRawAndEscaped) {
  std::string path = WriteFile(
      "u.json",
      "[{\"task_id\": \"t\xC3\xA2\x63he-\xE2\x9C\x93-\xF0\x9F\x98\x80\", \"data\": {}},\n"
      " {\"task_id\": \"\\u00e9\\u2713\\ud83d\\ude00\\n\", \"data\": {\"s\": \"\\uD83D\\uDE00\"}},\n"
      " {\"task\\u005fid\": \"escaped-key\", \"d\\u0061ta\": {}}]");
  auto tasks = ReadAll(path);
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  ASSERT_EQ(tasks->size(), 3u);
  EXPECT_EQ((*tasks)[0].task_id, "t\xC3\xA2\x63he-\xE2\x9C\x93-\xF0\x9F\x98\x80");
  EXPECT_EQ((*tasks)[1].task_id, "\xC3\xA9\xE2\x9C\x93\xF0\x9F\x98\x80\n");
  EXPECT_EQ((*tasks)[1].data_json, "{\"s\":\"\\uD83D\\uDE00\"}");
  EXPECT_EQ(Json::parse((*tasks)[1].data_json)["s"], "\xF0\x9F\x98\x80");
  EXPECT_EQ((*tasks)[2].task_id, "escaped-key");
}

TEST(JsonReader, RoundTripsGeneratedDataExactly) {
  std::mt19937 rng(42);
  auto random_value = [&](auto&& self, int depth) -> Json {
    switch (rng() % (depth > 3 ? 4 : 6)) {
      case 0:
        return static_cast<int64_t>(rng()) - (1LL << 31);
      case 1:
        return std::ldexp(static_cast<double>(rng()), -static_cast<int>(rng() % 40));
      case 2: {
        static const char* kPieces[] = {
            "s", "\"", "\\", "/", "\b\f\n\r\t", "\x01", " ", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
        std::string s;
        for (unsigned i = rng() % 8; i > 0; --i) s += kPieces[rng() % 10];
        return s;
      }
      case 3:
        return rng() % 3 == 0 ? Json(nullptr) : Json(rng() % 2 == 0);
      case 4: {
        Json a = Json::array();
        for (unsigned i = rng() % 4; i > 0; --i) a.push_back(self(self, depth + 1));
        return a;
      }
      default: {
        Json o = Json::object();
        for (unsigned i = rng() % 4; i > 0; --i) o["k" + std::to_string(rng() % 100)] = self(self, depth + 1);
        return o;
      }
    }
  };
  Json file = Json::array();
  for (int i = 0; i < 300; ++i) {
    Json data = Json::object();
    data["v"] = random_value(random_value, 0);
    file.push_back({{"task_id", "id-" + std::to_string(i)}, {"data", data}});
  }
  for (int indent : {-1, 0, 2}) {
    auto tasks = ReadAll(WriteFile("r.json", file.dump(indent)));
    ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
    ASSERT_EQ(tasks->size(), file.size());
    for (size_t i = 0; i < file.size(); ++i) {
      EXPECT_EQ((*tasks)[i].data_json, file[i]["data"].dump()) << "indent " << indent << " task " << i;
    }
  }
}

// Reads `path` through a JSON source with a window of `capacity` bytes.
Result<std::vector<Task>> ReadWithWindow(const std::string& path, size_t capacity, bool json_lines) {
  CT_ASSIGN_OR_RETURN(auto bytes, OpenByteSource(path, false));
  SourceOptions options;
  options.buffer_capacity = capacity;
  auto source = MakeJsonTaskSource(path, std::move(bytes), json_lines, options);
  std::vector<Task> tasks;
  Task task;
  for (;;) {
    CT_ASSIGN_OR_RETURN(bool got, source->Next(task));
    if (!got) return tasks;
    tasks.push_back(task);
  }
}

void ExpectSameTasks(const std::vector<Task>& a, const std::vector<Task>& b, size_t capacity) {
  ASSERT_EQ(a.size(), b.size()) << "capacity " << capacity;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].task_id, b[i].task_id) << "capacity " << capacity;
    EXPECT_EQ(a[i].data_json, b[i].data_json) << "capacity " << capacity;
    EXPECT_EQ(a[i].line, b[i].line) << "capacity " << capacity;
    EXPECT_EQ(a[i].column, b[i].column) << "capacity " << capacity;
  }
}

constexpr const char* kTricky =
    "\xEF\xBB\xBF  [ {\"task_id\" : \"a\\u00e9\\ud83d\\ude00\\\"\", \"data\":{\"n\": -0.5e-10, \"m\": "
    "1234567890123,"
    " \"t\": true, \"f\": false, \"z\": null, \"u\": \"\xE2\x9C\x93\xF0\x9F\x98\x80 x\", \"deep\": "
    "[[[{}]]]}} ,\n"
    "\n\n   {\"data\": {\"s\": \"\\\\\\/\\b\\f\\n\\r\\t\"}, \"task_id\": \"b\"}\n  ]   \n";

TEST(JsonReader, TinyWindowsGiveIdenticalResults) {
  std::string path = WriteFile("w.json", kTricky);
  auto expected = ReadWithWindow(path, InputBuffer::kDefaultCapacity, false);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  ASSERT_EQ(expected->size(), 2u);
  EXPECT_EQ((*expected)[1].line, 4u);
  for (size_t capacity : {1, 2, 3, 5, 8, 13, 16, 31, 64}) {
    auto got = ReadWithWindow(path, capacity, false);
    ASSERT_TRUE(got.ok()) << "capacity " << capacity << ": " << got.status().ToString();
    ExpectSameTasks(*expected, *got, capacity);
  }
}

TEST(JsonReader, TinyWindowsJsonLines) {
  std::string path = WriteFile(
      "w.jsonl",
      "\xEF\xBB\xBF{\"task_id\": \"a\\u00e9\", \"data\": {\"n\": 12345, \"s\": \"\xE2\x9C\x93\"}}\r\n\n"
      "  {\"data\": {\"t\": [true, false, null, -1.5e3]}, \"task_id\": \"b\"}  \n"
      "{\"task_id\": \"c\", \"data\": {}}");
  auto expected = ReadWithWindow(path, InputBuffer::kDefaultCapacity, true);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  ASSERT_EQ(expected->size(), 3u);
  EXPECT_EQ((*expected)[1].line, 3u);
  EXPECT_EQ((*expected)[1].column, 3u);
  for (size_t capacity : {1, 2, 3, 5, 8, 13, 16, 31, 64}) {
    auto got = ReadWithWindow(path, capacity, true);
    ASSERT_TRUE(got.ok()) << "capacity " << capacity << ": " << got.status().ToString();
    ExpectSameTasks(*expected, *got, capacity);
  }
}

TEST(JsonReader, TinyWindowsGiveIdenticalErrors) {
  const char* bad[] = {
      "[{\"task_id\": \"a\", \"data\": {\"x\": 12.}}]",
      "[{\"task_id\": \"a\", \"data\": {\"x\": \"\\ud800\"}}]",
      "[{\"task_id\": \"a\", \"data\": {\"x\": \"\xE2\x9C\"}}]",
      "[{\"task_id\": \"a\", \"data\": {\"x\": tru}}]",
      "[{\"task_id\": \"a\", \"data\": {}}, ]",
      "[{\"task_id\": \"a\", \"data\": {}}\n\n",
      "[{\"task_id\": \"a\", \"data\": {\"x\": \"abc",
      "[{\"task_id\": \"a\", \"data\": {\"x\": 1}}] x",
      "[{\"task_id\": \"a\", \"data\": {\"x\": 1\n}, \"task_id\": \"b\"}]",
  };
  for (const char* text : bad) {
    std::string path = WriteFile("we.json", text);
    auto expected = ReadWithWindow(path, InputBuffer::kDefaultCapacity, false);
    ASSERT_FALSE(expected.ok()) << text;
    for (size_t capacity : {1, 2, 3, 7, 16}) {
      auto got = ReadWithWindow(path, capacity, false);
      ASSERT_FALSE(got.ok()) << text;
      EXPECT_EQ(got.status().message(), expected.status().message()) << text << " capacity " << capacity;
    }
  }
}

TEST(JsonReader, BigTaskGrowsTheWindow) {
  std::string big(3 << 20, 'x');
  std::string path = WriteFile("big.json", "[{\"task_id\": \"big\", \"data\": {\"s\": \"" + big +
                                               "\"}}, {\"task_id\": \"small\", \"data\": {}}]");
  auto tasks = ReadWithWindow(path, 4096, false);
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  ASSERT_EQ(tasks->size(), 2u);
  EXPECT_EQ((*tasks)[0].data_json.size(), big.size() + 8);
  EXPECT_EQ((*tasks)[1].task_id, "small");
}

TEST(JsonReader, DeepButAllowedNesting) {
  std::string deep = std::string(500, '[') + std::string(500, ']');
  auto tasks = ReadAll(WriteFile("deep.json", "[{\"task_id\": \"a\", \"data\": {\"x\": " + deep + "}}]"));
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  EXPECT_EQ((*tasks)[0].data_json, "{\"x\":" + deep + "}");
}

}  // namespace
}  // namespace cloud_tasks::taskfile
