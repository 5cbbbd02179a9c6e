// Dump by status (CLI-61): file names, format, mode 0600, and a round trip back to the
// original task set.

#include "jobdb/dump.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "core/files.h"
#include "jobdb_test_util.h"

namespace cloud_tasks::jobdb {
namespace {

Json ReadJson(const std::string& path) { return Json::parse(*ReadFileToString(path)); }

TEST(Dump, FileNames) {
  EXPECT_EQ(DumpFileName("job", "completed"), "job_completed.json");
  EXPECT_EQ(DumpFileName("job", "a/b\\c"), "job_a_b_c.json");
}

TEST(Dump, RoundTripsTheTaskSet) {
  std::string dir = testing::TestDir();
  auto store = testing::CreateStore(dir + "/job.db");
  std::vector<NewTask> tasks = {
      {"a", R"({"num1": 1, "num2": -2})"},
      {"b", R"({"nested": {"list": [1, 2, {"x": null}], "s": "line\nbreak \u00e9"}})"},
      {"c", R"({})"},
      {"d", R"({"f": 1.5, "t": true})"}};
  ASSERT_TRUE(store->InsertTasks(tasks).ok());
  ASSERT_TRUE(store->MarkEnqueued(std::vector<std::string>{"a", "b", "c"}).ok());
  testing::Apply(*store, {testing::TaskEvent("task_completed", "a", false, 1),
                          testing::TaskEvent("task_exception", "b", true, 1)});

  auto result = DumpTasksByStatus(*store, {.directory = dir, .job_id = "myjob"});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->files.size(), 4u);
  std::vector<std::string> statuses;
  for (const auto& f : result->files) statuses.push_back(f.status);
  EXPECT_EQ(statuses,
            (std::vector<std::string>{"completed", "exception_with_retry", "in_queue_original", "pending"}));
  EXPECT_EQ(result->files[2].path, dir + "/myjob_in_queue_original.json");
  EXPECT_EQ(result->files[2].count, 1);

  std::map<std::string, Json> seen;
  for (const auto& f : result->files) {
    struct stat st;
    ASSERT_EQ(::stat(f.path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << f.path;
    Json array = ReadJson(f.path);
    ASSERT_TRUE(array.is_array());
    for (const auto& item : array) {
      EXPECT_EQ(item.size(), 2u);
      seen[item.at("task_id").get<std::string>()] = item.at("data");
    }
  }
  ASSERT_EQ(seen.size(), tasks.size());
  for (const auto& t : tasks) EXPECT_EQ(seen[t.task_id], Json::parse(t.data_json)) << t.task_id;
  // No temporary files left behind.
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().string().find(".tmp."), std::string::npos) << entry.path();
  }
}

TEST(Dump, LayoutIsIndentTwoLikeTheTaskFileFormat) {
  std::string dir = testing::TestDir();
  auto store = testing::CreateStore(dir + "/job.db");
  ASSERT_TRUE(store->InsertTasks(std::vector<NewTask>{{"t1", R"({"n":1})"}, {"t2", R"({"n":2})"}}).ok());
  auto result = DumpTasksByStatus(*store, {.directory = dir, .job_id = "j"});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*ReadFileToString(dir + "/j_pending.json"),
            "[\n"
            "  {\n"
            "    \"task_id\": \"t1\",\n"
            "    \"data\": {\n"
            "      \"n\": 1\n"
            "    }\n"
            "  },\n"
            "  {\n"
            "    \"task_id\": \"t2\",\n"
            "    \"data\": {\n"
            "      \"n\": 2\n"
            "    }\n"
            "  }\n"
            "]\n");
}

TEST(Dump, EmptyDatabaseWritesNothing) {
  std::string dir = testing::TestDir();
  auto store = testing::CreateStore(dir + "/job.db");
  auto result = DumpTasksByStatus(*store, {.directory = dir, .job_id = "j"});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->files.empty());
}

TEST(Dump, UnwritableDirectoryIsAnErrorNamingTheFile) {
  std::string dir = testing::TestDir();
  auto store = testing::CreateStore(dir + "/job.db");
  ASSERT_TRUE(store->InsertTasks(testing::MakeTasks(1)).ok());
  auto result = DumpTasksByStatus(*store, {.directory = dir + "/missing", .job_id = "j"});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("j_pending.json"), std::string::npos);
}

}  // namespace
}  // namespace cloud_tasks::jobdb
