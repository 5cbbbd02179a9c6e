#pragma once
// Helpers for the job database tests: real SQLite files under ::testing::TempDir().

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/time_util.h"
#include "jobdb/job_store.h"

namespace cloud_tasks::jobdb::testing {

/// A fresh directory <TempDir>/jobdb_tests/<suite>.<test>/ (emptied first).
inline std::string TestDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "jobdb_tests" /
                              (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

/// Path of a database file in a fresh TestDir().
inline std::string TestDbPath() { return TestDir() + "/job.db"; }

/// A fixed clock for deterministic enqueued_at/started_at values.
inline SystemTime FixedTime(const char* iso) { return *ParseIsoTime(iso); }

/// Creates a fresh store at `path` whose clock always returns `now`.
inline std::unique_ptr<JobStore> CreateStore(const std::string& path,
                                             const char* now = "2024-05-01T10:00:00Z") {
  SystemTime t = FixedTime(now);
  auto store = JobStore::Open({.path = path, .mode = OpenMode::kCreate, .now = [t] { return t; }});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

/// Tasks "t1".."tN" with data {"n": i}.
inline std::vector<NewTask> MakeTasks(int n, const std::string& prefix = "t") {
  std::vector<NewTask> tasks;
  for (int i = 1; i <= n; ++i) tasks.push_back({prefix + std::to_string(i), Json{{"n", i}}.dump()});
  return tasks;
}

inline std::vector<std::string> Ids(const std::vector<NewTask>& tasks) {
  std::vector<std::string> ids;
  for (const auto& t : tasks) ids.push_back(t.task_id);
  return ids;
}

/// A worker-style task event (seed 4.9) with the common keys first.
inline Json TaskEvent(const std::string& type, const std::string& task_id, bool retry, double elapsed,
                      const std::string& timestamp = "2024-05-01T10:05:00.000000+00:00",
                      const std::string& host = "worker-1") {
  Json e = {{"timestamp", timestamp}, {"hostname", host}, {"event_type", type},
            {"task_id", task_id},     {"retry", retry},   {"elapsed_time", elapsed}};
  if (type == "task_completed") e["result"] = Json{{"sum", 3}};
  if (type == "task_exception") e["exception"] = "Traceback (most recent call last):\n  x\nValueError: bad";
  if (type == "task_exited") e["exit_code"] = 3;
  return e;
}

/// Applies one event; fails the test on a store error.
inline ApplyStats Apply(JobStore& store, std::vector<Json> events) {
  auto stats = store.ApplyEvents(events);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  return stats.ok() ? std::move(stats).value() : ApplyStats{};
}

inline TaskRow Row(JobStore& store, const std::string& task_id) {
  auto row = store.GetTask(task_id);
  EXPECT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_TRUE(row.ok() && row->has_value()) << "no row for " << task_id;
  return row.ok() && row->has_value() ? **row : TaskRow{};
}

/// The job used by the statistics and report tests (clock 10:00:00 for enqueued_at):
///   t1..t5 completed, elapsed 1..5 s, last at 11:00:00; t6 exception and t7
///   exception_with_retry (same 3-line traceback), elapsed 10 and 20; t8 timed_out (30 s);
///   t9 in_queue_original; t10 pending (never sent); spot terminations from h2, h1, h2.
inline void BuildKnownJob(JobStore& store) {
  auto tasks = MakeTasks(10);
  ASSERT_TRUE(store.InsertTasks(tasks).ok());
  auto ids = Ids(tasks);
  ids.pop_back();  // t10 stays pending
  ASSERT_TRUE(store.MarkEnqueued(ids).ok());
  const char* times[] = {"2024-05-01T10:10:00Z", "2024-05-01T10:20:00Z", "2024-05-01T10:30:00Z",
                         "2024-05-01T10:40:00Z", "2024-05-01T11:00:00Z"};
  std::vector<Json> events;
  for (int i = 0; i < 5; ++i)
    events.push_back(TaskEvent("task_completed", "t" + std::to_string(i + 1), false, i + 1.0, times[i]));
  Json e6 = TaskEvent("task_exception", "t6", false, 10, "2024-05-01T10:30:00Z");
  e6["exception"] = "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: bad\n";
  Json e7 = TaskEvent("task_exception", "t7", true, 20, "2024-05-01T10:31:00Z");
  e7["exception"] = e6["exception"];
  events.push_back(e6);
  events.push_back(e7);
  events.push_back(TaskEvent("task_timed_out", "t8", false, 30, "2024-05-01T10:40:00Z"));
  for (auto [host, ts] : std::vector<std::pair<const char*, const char*>>{
           {"h2", "2024-05-01T10:41:00Z"}, {"h1", "2024-05-01T10:42:00Z"}, {"h2", "2024-05-01T10:43:00Z"}}) {
    events.push_back({{"timestamp", ts}, {"hostname", host}, {"event_type", "spot_termination"}});
  }
  auto stats = store.ApplyEvents(events);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_TRUE(stats->errors.empty());
}

}  // namespace cloud_tasks::jobdb::testing
