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
  Json e = {{"timestamp", timestamp}, {"hostname", host}, {"event_type", type}, {"task_id", task_id},
            {"retry", retry}, {"elapsed_time", elapsed}};
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

}  // namespace cloud_tasks::jobdb::testing
