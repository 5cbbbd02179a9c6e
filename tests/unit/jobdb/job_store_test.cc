// Task writes (bulk insert, duplicate rollback, mark enqueued), task queries and
// concurrent readers.

#include "jobdb/job_store.h"

#include <gtest/gtest.h>

#include <thread>

#include "jobdb_test_util.h"

namespace cloud_tasks::jobdb {
namespace {

using testing::CreateStore;
using testing::MakeTasks;
using testing::Row;
using testing::TestDbPath;

TEST(JobStore, BulkInsertStoresPendingRows) {
  auto store = CreateStore(TestDbPath(), "2024-05-01T10:00:00Z");
  ASSERT_TRUE(store->InsertTasks(MakeTasks(25000)).ok());  // more than one default batch
  EXPECT_EQ(*store->TotalTasks(), 25000);
  EXPECT_EQ((*store->CountsByStatus()), (std::map<std::string, int64_t>{{"pending", 25000}}));
  TaskRow row = Row(*store, "t7");
  EXPECT_EQ(row.status, "pending");
  EXPECT_EQ(row.data_json, R"({"n":7})");
  EXPECT_EQ(row.enqueued_at, "2024-05-01T10:00:00.000000+00:00");
  EXPECT_FALSE(row.started_at.has_value());
  EXPECT_FALSE(row.retry.has_value());
  EXPECT_FALSE(*store->IsComplete());
  EXPECT_EQ(*store->RemainingCount(), 25000);
}

TEST(JobStore, DuplicateTaskIdRollsTheBatchBack) {
  auto store = CreateStore(TestDbPath());
  ASSERT_TRUE(store->InsertTasks(MakeTasks(3)).ok());
  std::vector<NewTask> batch = {{"x1", "{}"}, {"x2", "{}"}, {"t2", "{}"}, {"x3", "{}"}};
  Status status = store->InsertTasks(batch);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(status.message().find("'t2'"), std::string::npos) << status.message();
  EXPECT_EQ(*store->TotalTasks(), 3);  // x1, x2 were not kept
  EXPECT_FALSE(store->GetTask("x1")->has_value());

  // A duplicate inside one batch is caught the same way.
  std::vector<NewTask> self_dup = {{"y", "{}"}, {"y", "{}"}};
  EXPECT_EQ(store->InsertTasks(self_dup).code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(*store->TotalTasks(), 3);
  // The store stays usable.
  EXPECT_TRUE(store->InsertTasks(std::vector<NewTask>{{"z", "{}"}}).ok());
  EXPECT_EQ(*store->TotalTasks(), 4);
}

TEST(JobStore, RejectsEmptyIdsAndInvalidData) {
  auto store = CreateStore(TestDbPath());
  std::vector<NewTask> bad_data = {{"a", "{}"}, {"b", "{not json"}};
  Status status = store->InsertTasks(bad_data);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(status.message().find("'b'"), std::string::npos);
  std::vector<NewTask> empty_id = {{"", "{}"}};
  EXPECT_EQ(store->InsertTasks(empty_id).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(*store->TotalTasks(), 0);
}

TEST(JobStore, MarkEnqueuedMovesOnlyPendingTasks) {
  SystemTime t0 = testing::FixedTime("2024-05-01T10:00:00Z");
  SystemTime now = t0;
  auto opened =
      JobStore::Open({.path = TestDbPath(), .mode = OpenMode::kCreate, .now = [&now] { return now; }});
  ASSERT_TRUE(opened.ok());
  JobStore& store = **opened;
  ASSERT_TRUE(store.InsertTasks(MakeTasks(5)).ok());
  now = t0 + std::chrono::seconds(30);
  std::vector<std::string> ids = {"t1", "t2", "t3", "nope"};
  EXPECT_EQ(*store.MarkEnqueued(ids), 3);
  EXPECT_EQ(*store.MarkEnqueued(ids), 0);  // already in_queue_original
  TaskRow row = Row(store, "t2");
  EXPECT_EQ(row.status, "in_queue_original");
  EXPECT_EQ(row.started_at, "2024-05-01T10:00:30.000000+00:00");
  EXPECT_EQ(row.enqueued_at, "2024-05-01T10:00:00.000000+00:00");
  EXPECT_EQ((*store.CountsByStatus()),
            (std::map<std::string, int64_t>{{"in_queue_original", 3}, {"pending", 2}}));
}

TEST(JobStore, ListsPendingTasksPageByPageForResending) {
  auto store = CreateStore(TestDbPath());
  ASSERT_TRUE(store->InsertTasks(MakeTasks(10)).ok());
  std::vector<std::string> sent = {"t2", "t5"};
  ASSERT_TRUE(store->MarkEnqueued(sent).ok());
  std::vector<std::string> seen;
  int64_t cursor = 0;
  while (true) {
    auto page = store->ListTasksWithStatus(kStatusPending, cursor, 3);
    ASSERT_TRUE(page.ok());
    if (page->tasks.empty()) break;
    for (const auto& t : page->tasks) seen.push_back(t.task_id);
    const NewTask& first = page->tasks.front();
    EXPECT_EQ(first.data_json, (Json{{"n", std::stoi(first.task_id.substr(1))}}.dump()));
    cursor = page->next_cursor;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"t1", "t3", "t4", "t6", "t7", "t8", "t9", "t10"}));
}

TEST(JobStore, RemainingIdsAndCompletion) {
  auto store = CreateStore(TestDbPath());
  ASSERT_TRUE(store->InsertTasks(MakeTasks(4)).ok());
  std::vector<std::string> all = {"t1", "t2", "t3", "t4"};
  ASSERT_TRUE(store->MarkEnqueued(all).ok());
  testing::Apply(*store, {testing::TaskEvent("task_completed", "t1", false, 1),
                          testing::TaskEvent("task_exception", "t2", true, 1),
                          testing::TaskEvent("task_timed_out", "t3", false, 1)});
  EXPECT_EQ(*store->RemainingTaskIds(10), (std::vector<std::string>{"t2", "t4"}));
  EXPECT_EQ(*store->RemainingTaskIds(1), (std::vector<std::string>{"t2"}));
  EXPECT_FALSE(*store->IsComplete());
  testing::Apply(*store, {testing::TaskEvent("task_completed", "t2", false, 1),
                          testing::TaskEvent("task_exited", "t4", false, 1)});
  EXPECT_TRUE(*store->IsComplete());
  EXPECT_TRUE(store->RemainingTaskIds(10)->empty());
}

TEST(JobStore, ReaderInAnotherConnectionSeesCommittedBatches) {
  std::string path = TestDbPath();
  auto writer = CreateStore(path);
  auto reader = JobStore::Open({.path = path, .mode = OpenMode::kReadOnly});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_TRUE((*reader)->read_only());
  EXPECT_EQ(*(*reader)->TotalTasks(), 0);
  ASSERT_TRUE(writer->InsertTasks(MakeTasks(100)).ok());
  EXPECT_EQ(*(*reader)->TotalTasks(), 100);
  testing::Apply(*writer, {testing::TaskEvent("task_completed", "t1", false, 2.5)});
  EXPECT_EQ(testing::Row(**reader, "t1").status, "completed");

  // A reader in another thread while the writer keeps writing: always whole batches.
  std::thread read_loop([&] {
    for (int i = 0; i < 50; ++i) {
      auto total = (*reader)->TotalTasks();
      ASSERT_TRUE(total.ok()) << total.status().ToString();
      EXPECT_EQ(*total % 100, 0);
    }
  });
  for (int b = 0; b < 5; ++b)
    ASSERT_TRUE(writer->InsertTasks(MakeTasks(100, "b" + std::to_string(b) + "-")).ok());
  read_loop.join();
  EXPECT_EQ(*(*reader)->TotalTasks(), 600);
}

TEST(JobStore, ReadOnlyStoreRefusesWrites) {
  std::string path = TestDbPath();
  CreateStore(path).reset();
  auto reader = JobStore::Open({.path = path, .mode = OpenMode::kReadOnly});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->InsertTasks(MakeTasks(1)).code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ((*reader)->MarkEnqueued(std::vector<std::string>{"t1"}).status().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ((*reader)->ApplyEvents(std::vector<Json>{}).status().code(), ErrorCode::kFailedPrecondition);
}

TEST(JobStore, ReopenKeepsData) {
  std::string path = TestDbPath();
  {
    auto store = CreateStore(path);
    ASSERT_TRUE(store->InsertTasks(MakeTasks(3)).ok());
  }
  auto store = JobStore::Open({.path = path, .mode = OpenMode::kOpenExisting});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(*(*store)->TotalTasks(), 3);
  EXPECT_FALSE((*store)->GetTask("missing")->has_value());
}

TEST(JobStore, StreamsTasksByStatusInInsertionOrder) {
  auto store = CreateStore(TestDbPath());
  ASSERT_TRUE(store->InsertTasks(MakeTasks(5)).ok());
  std::vector<std::string> ids;
  ASSERT_TRUE(store
                  ->ForEachTaskWithStatus("pending",
                                          [&](std::string_view id, std::string_view) {
                                            ids.emplace_back(id);
                                            return OkStatus();
                                          })
                  .ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"t1", "t2", "t3", "t4", "t5"}));
  // A visitor error stops the scan and comes back.
  int visits = 0;
  Status stop = store->ForEachTaskWithStatus("pending", [&](std::string_view, std::string_view) {
    return ++visits == 2 ? IoError("disk full") : OkStatus();
  });
  EXPECT_EQ(stop.code(), ErrorCode::kIo);
  EXPECT_EQ(visits, 2);
}

}  // namespace
}  // namespace cloud_tasks::jobdb
