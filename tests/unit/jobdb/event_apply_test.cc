// Event decoding (pure) and event application: status mapping per type, row columns,
// BUG-DB-01 (completed+retry non-terminal), BUG-DB-04 (idempotent, monotonic),
// keep-alives, unknown ids/types and malformed events inside a batch.

#include "jobdb/event_apply.h"

#include <gtest/gtest.h>

#include "jobdb/job_store.h"
#include "jobdb_test_util.h"
#include "sqlite/sqlite_util.h"

namespace cloud_tasks::jobdb {
namespace {

using testing::Apply;
using testing::CreateStore;
using testing::MakeTasks;
using testing::Row;
using testing::TaskEvent;
using testing::TestDbPath;

std::unique_ptr<JobStore> StoreWithEnqueued(int n, std::string* path_out = nullptr) {
  std::string path = TestDbPath();
  if (path_out != nullptr) *path_out = path;
  auto store = CreateStore(path);
  auto tasks = MakeTasks(n);
  EXPECT_TRUE(store->InsertTasks(tasks).ok());
  EXPECT_TRUE(store->MarkEnqueued(testing::Ids(tasks)).ok());
  return store;
}

int64_t EventRows(const std::string& path) {
  auto db = sqlite::Database::Open(path, SQLITE_OPEN_READONLY);
  return *db->QueryInt("SELECT COUNT(*) FROM events");
}

TEST(StatusMapping, TaskEventTypesAndRetry) {
  EXPECT_EQ(StatusForEvent("task_completed", false), "completed");
  EXPECT_EQ(StatusForEvent("task_completed", true), "completed_with_retry");
  EXPECT_EQ(StatusForEvent("task_exception", false), "exception");
  EXPECT_EQ(StatusForEvent("task_exception", true), "exception_with_retry");
  EXPECT_EQ(StatusForEvent("task_timed_out", false), "timed_out");
  EXPECT_EQ(StatusForEvent("task_timed_out", true), "timed_out_with_retry");
  EXPECT_EQ(StatusForEvent("task_exited", false), "exited_without_status");
  EXPECT_EQ(StatusForEvent("task_exited", true), "exited_without_status_with_retry");
  EXPECT_EQ(StatusForEvent("spot_termination", false), "");
  for (auto s : {"completed", "exception", "timed_out", "exited_without_status", "failed"}) {
    EXPECT_TRUE(IsTerminalStatus(s)) << s;
  }
  for (auto s : {"pending", "in_queue_original", "completed_with_retry", "exception_with_retry",
                 "timed_out_with_retry", "exited_without_status_with_retry"}) {
    EXPECT_FALSE(IsTerminalStatus(s)) << s;
  }
}

// The SQL spelling of "not terminal" used by the per-event UPDATE agrees with
// IsTerminalStatus for every status (evaluated by SQLite itself).
TEST(StatusMapping, SqlNotTerminalConditionMatchesIsTerminalStatus) {
  auto db = sqlite::Database::Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  for (auto s : {"completed", "exception", "timed_out", "exited_without_status", "failed", "pending",
                 "in_queue_original", "completed_with_retry", "exception_with_retry", "timed_out_with_retry",
                 "exited_without_status_with_retry"}) {
    auto not_terminal =
        db->QueryInt("SELECT " + std::string(kStatusNotTerminalSql) + " FROM (SELECT '" + s + "' AS status)");
    ASSERT_TRUE(not_terminal.ok()) << not_terminal.status().ToString();
    EXPECT_EQ(*not_terminal == 1, !IsTerminalStatus(s)) << s;
  }
}

TEST(ParseEvent, DecodesACompletionEvent) {
  auto e = ParseEvent(TaskEvent("task_completed", "t1", false, 2.5, "2024-05-01T10:05:00.123+00:00", "h1"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->event_type, "task_completed");
  EXPECT_EQ(e->task_id, "t1");
  EXPECT_EQ(e->timestamp, "2024-05-01T10:05:00.123000+00:00");
  EXPECT_EQ(e->hostname, "h1");
  EXPECT_EQ(e->elapsed_time, 2.5);
  EXPECT_EQ(e->result_json, R"({"sum":3})");
  EXPECT_FALSE(e->exception.has_value());
  EXPECT_EQ(e->new_status, "completed");
  EXPECT_EQ(e->raw.find('\n'), std::string::npos);
  EXPECT_EQ(e->key, EventKey(e->raw));
  EXPECT_EQ(e->raw.rfind(R"({"timestamp":)", 0), 0u);  // key order kept
}

TEST(ParseEvent, TimestampsWithZOffsetAndNaiveAreNormalisedToUtc) {
  for (auto [in, out] : std::vector<std::pair<const char*, const char*>>{
           {"2024-05-01T10:05:00Z", "2024-05-01T10:05:00.000000+00:00"},
           {"2024-05-01T12:05:00+02:00", "2024-05-01T10:05:00.000000+00:00"},
           {"2024-05-01T05:35:00.5-0430", "2024-05-01T10:05:00.500000+00:00"},
           {"2024-05-01 10:05:00", "2024-05-01T10:05:00.000000+00:00"}}) {
    auto e = ParseEvent(TaskEvent("task_timed_out", "t1", false, 1, in));
    ASSERT_TRUE(e.ok()) << in;
    EXPECT_EQ(e->timestamp, out) << in;
  }
}

TEST(ParseEvent, ReportsBadFields) {
  auto error_of = [](const Json& j) {
    auto e = ParseEvent(j);
    return e.ok() ? std::string("<ok>") : e.status().message();
  };
  EXPECT_NE(error_of(Json::array()).find("not a JSON object"), std::string::npos);
  EXPECT_NE(error_of(Json{{"task_id", "t1"}}).find("event_type"), std::string::npos);
  Json bad_time = TaskEvent("task_completed", "t1", false, 1);
  bad_time["timestamp"] = "yesterday";
  EXPECT_NE(error_of(bad_time).find("timestamp"), std::string::npos);
  Json bad_retry = TaskEvent("task_completed", "t1", false, 1);
  bad_retry["retry"] = "yes";
  EXPECT_NE(error_of(bad_retry).find("'retry'"), std::string::npos);
  Json bad_exit = TaskEvent("task_exited", "t1", false, 1);
  bad_exit["exit_code"] = 1.5;
  EXPECT_NE(error_of(bad_exit).find("'exit_code'"), std::string::npos);
  auto text = ParseEventText("{not json");
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find("not valid JSON"), std::string::npos);
}

TEST(ApplyEvents, CompletionSetsTheRow) {
  auto store = StoreWithEnqueued(1);
  ApplyStats stats =
      Apply(*store, {TaskEvent("task_completed", "t1", false, 2.5, "2024-05-01T10:05:00Z", "h1")});
  EXPECT_EQ(stats.applied, 1);
  TaskRow row = Row(*store, "t1");
  EXPECT_EQ(row.status, "completed");
  EXPECT_EQ(row.retry, false);
  EXPECT_EQ(row.completed_at, "2024-05-01T10:05:00.000000+00:00");
  EXPECT_EQ(row.elapsed_time, 2.5);
  EXPECT_EQ(row.hostname, "h1");
  EXPECT_EQ(row.result_json, R"({"sum":3})");
  EXPECT_FALSE(row.exception.has_value());
  EXPECT_FALSE(row.exit_code.has_value());
}

TEST(ApplyEvents, EachTaskEventTypeSetsItsColumnsAndNullsTheOthers) {
  auto store = StoreWithEnqueued(1);
  // exception (retry) → exception text, result/exit_code NULL
  Apply(*store, {TaskEvent("task_exception", "t1", true, 1.0, "2024-05-01T10:01:00Z")});
  TaskRow row = Row(*store, "t1");
  EXPECT_EQ(row.status, "exception_with_retry");
  EXPECT_EQ(row.retry, true);
  EXPECT_EQ(row.exception, "Traceback (most recent call last):\n  x\nValueError: bad");
  EXPECT_FALSE(row.result_json.has_value());
  EXPECT_FALSE(row.exit_code.has_value());
  // exited (retry) → exit_code, exception cleared
  Apply(*store, {TaskEvent("task_exited", "t1", true, 2.0, "2024-05-01T10:02:00Z")});
  row = Row(*store, "t1");
  EXPECT_EQ(row.status, "exited_without_status_with_retry");
  EXPECT_EQ(row.exit_code, 3);
  EXPECT_FALSE(row.exception.has_value());
  // timed out (retry) → none of the three
  Apply(*store, {TaskEvent("task_timed_out", "t1", true, 3.0, "2024-05-01T10:03:00Z")});
  row = Row(*store, "t1");
  EXPECT_EQ(row.status, "timed_out_with_retry");
  EXPECT_EQ(row.elapsed_time, 3.0);
  EXPECT_FALSE(row.exit_code.has_value());
  EXPECT_FALSE(row.result_json.has_value());
  // final exited without retry → terminal
  Apply(*store, {TaskEvent("task_exited", "t1", false, 4.0, "2024-05-01T10:04:00Z")});
  row = Row(*store, "t1");
  EXPECT_EQ(row.status, "exited_without_status");
  EXPECT_EQ(row.completed_at, "2024-05-01T10:04:00.000000+00:00");
  EXPECT_TRUE(*store->IsComplete());
}

TEST(ApplyEvents, CompletedWithRetryIsNotTerminal) {  // BUG-DB-01
  auto store = StoreWithEnqueued(1);
  Apply(*store, {TaskEvent("task_completed", "t1", true, 1.0, "2024-05-01T10:01:00Z")});
  EXPECT_EQ(Row(*store, "t1").status, "completed_with_retry");
  EXPECT_FALSE(*store->IsComplete());
  EXPECT_EQ(*store->RemainingTaskIds(5), std::vector<std::string>{"t1"});
  ApplyStats stats = Apply(*store, {TaskEvent("task_completed", "t1", false, 1.5, "2024-05-01T10:02:00Z")});
  EXPECT_EQ(stats.applied, 1);
  EXPECT_EQ(Row(*store, "t1").status, "completed");
  EXPECT_TRUE(*store->IsComplete());
}

TEST(ApplyEvents, DuplicateEventIsIdempotent) {  // BUG-DB-04
  std::string path;
  auto store = StoreWithEnqueued(2, &path);
  Json retry = TaskEvent("task_exception", "t1", true, 1.0, "2024-05-01T10:01:00Z");
  Json done = TaskEvent("task_completed", "t1", false, 2.0, "2024-05-01T10:02:00Z");
  Apply(*store, {retry, done});
  TaskRow before = Row(*store, "t1");
  // Redelivery of the whole batch (and a copy inside one batch) changes nothing.
  ApplyStats stats = Apply(*store, {retry, done, done});
  EXPECT_EQ(stats.duplicates, 3);
  EXPECT_EQ(stats.stored(), 0);
  EXPECT_EQ(EventRows(path), 2);
  TaskRow after = Row(*store, "t1");
  EXPECT_EQ(after.status, before.status);
  EXPECT_EQ(after.completed_at, before.completed_at);
  // Duplicate within one batch, first application.
  Json t2 = TaskEvent("task_exception", "t2", true, 1.0);
  stats = Apply(*store, {t2, t2});
  EXPECT_EQ(stats.applied, 1);
  EXPECT_EQ(stats.duplicates, 1);
  EXPECT_EQ((stats.outcomes), (std::vector<EventOutcome>{EventOutcome::kApplied, EventOutcome::kDuplicate}));
  // Redelivered retry event after completion does not move the completed row back.
  EXPECT_EQ(Row(*store, "t1").status, "completed");
}

// The in-memory key filter must not hide events another connection stored after it was
// built: both stores apply the same event; the second must see a duplicate.
TEST(ApplyEvents, DuplicateStoredByAnotherConnectionIsDetected) {
  std::string path;
  auto first = StoreWithEnqueued(3, &path);
  Apply(*first, {TaskEvent("task_completed", "t1", false, 1.0)});  // builds the filter
  auto second = JobStore::Open({.path = path, .mode = OpenMode::kOpenExisting});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  Json t2 = TaskEvent("task_completed", "t2", false, 2.0);
  Json spot = {
      {"timestamp", "2024-05-01T10:06:00Z"}, {"hostname", "worker-9"}, {"event_type", "spot_termination"}};
  EXPECT_EQ(Apply(**second, {t2, spot}).stored(), 2);
  ApplyStats stats = Apply(*first, {t2, spot});
  EXPECT_EQ(stats.duplicates, 2);
  EXPECT_EQ(stats.stored(), 0);
  EXPECT_EQ(EventRows(path), 3);
}

// Many distinct events on one connection: the filter grows past its first size and
// still lets every redelivery be found.
TEST(ApplyEvents, RedeliveriesFoundAfterTheFilterGrows) {
  std::string path;
  const int n = 70000;  // more than the smallest filter's capacity (65536 keys)
  auto store = StoreWithEnqueued(1, &path);
  std::vector<Json> events;
  for (int i = 0; i < n; ++i) {
    events.push_back({{"timestamp", "2024-05-01T10:06:00Z"},
                      {"hostname", "h" + std::to_string(i)},
                      {"event_type", "spot_termination"}});
  }
  for (size_t start = 0; start < events.size(); start += 10000) {
    std::vector<Json> batch(events.begin() + start, events.begin() + std::min(events.size(), start + 10000));
    EXPECT_EQ(Apply(*store, batch).stored(), static_cast<int64_t>(batch.size()));
  }
  std::vector<Json> again = {events.front(), events[n / 2], events.back()};
  EXPECT_EQ(Apply(*store, again).duplicates, 3);
  EXPECT_EQ(EventRows(path), n);
}

// The counts a caller keeps up to date from the batch statistics.
TEST(ApplyEvents, CountsTransitionsToTerminalAndCompleted) {
  auto store = StoreWithEnqueued(3);
  ApplyStats stats = Apply(*store, {TaskEvent("task_exception", "t1", true, 1.0),     // not terminal
                                    TaskEvent("task_completed", "t2", false, 1.0),    // completed
                                    TaskEvent("task_timed_out", "t3", false, 1.0)});  // terminal
  EXPECT_EQ(stats.became_terminal, 2);
  EXPECT_EQ(stats.became_completed, 1);
  stats = Apply(*store, {TaskEvent("task_completed", "t1", false, 2.0),    // retry -> completed
                         TaskEvent("task_exited", "t2", false, 3.0),       // stale: t2 is terminal
                         TaskEvent("task_completed", "t9", false, 1.0)});  // unknown task
  EXPECT_EQ(stats.became_terminal, 1);
  EXPECT_EQ(stats.became_completed, 1);
  EXPECT_TRUE(*store->IsComplete());
}

TEST(ApplyEvents, LateEventAfterTerminalIsStoredButIgnored) {  // BUG-DB-04
  std::string path;
  auto store = StoreWithEnqueued(1, &path);
  Apply(*store, {TaskEvent("task_completed", "t1", false, 2.0, "2024-05-01T10:02:00Z", "h1")});
  ApplyStats stats =
      Apply(*store, {TaskEvent("task_exception", "t1", true, 9.0, "2024-05-01T10:01:00Z", "h2"),
                     TaskEvent("task_timed_out", "t1", false, 9.0, "2024-05-01T10:09:00Z", "h3")});
  EXPECT_EQ(stats.stale, 2);
  EXPECT_EQ(stats.applied, 0);
  TaskRow row = Row(*store, "t1");
  EXPECT_EQ(row.status, "completed");
  EXPECT_EQ(row.hostname, "h1");
  EXPECT_EQ(row.elapsed_time, 2.0);
  EXPECT_EQ(row.result_json, R"({"sum":3})");
  EXPECT_EQ(EventRows(path), 3);  // still recorded
}

TEST(ApplyEvents, UnknownTaskIdsAndNonTaskEventsChangeNoRow) {
  std::string path;
  auto store = StoreWithEnqueued(1, &path);
  Json spot = {{"timestamp", "2024-05-01T10:00:00Z"}, {"hostname", "h9"}, {"event_type", "spot_termination"}};
  Json fatal = {{"timestamp", "2024-05-01T10:00:01Z"},
                {"hostname", "h9"},
                {"event_type", "fatal_exception"},
                {"exception", "boom"}};
  Json weird = {{"timestamp", "2024-05-01T10:00:02Z"}, {"event_type", "task_teleported"}, {"task_id", "t1"}};
  Json no_id = {{"timestamp", "2024-05-01T10:00:03Z"}, {"event_type", "task_completed"}, {"retry", false}};
  ApplyStats stats =
      Apply(*store, {TaskEvent("task_completed", "ghost", false, 1), spot, fatal, weird, no_id});
  EXPECT_EQ(stats.unknown_task, 1);
  EXPECT_EQ(stats.stored_only, 3);  // spot, fatal, task_completed without task_id
  EXPECT_EQ(stats.unknown_type, 1);
  EXPECT_EQ(stats.applied, 0);
  EXPECT_EQ(EventRows(path), 5);
  EXPECT_EQ(Row(*store, "t1").status, "in_queue_original");
  EXPECT_FALSE(store->GetTask("ghost")->has_value());
  // The non-task events are de-duplicated too.
  EXPECT_EQ(Apply(*store, {spot}).duplicates, 1);
}

TEST(ApplyEvents, KeepAlivesAreNeverStored) {
  std::string path;
  auto store = StoreWithEnqueued(1, &path);
  Json keep_alive = {{"timestamp", "2024-05-01T10:00:00Z"},
                     {"hostname", "h"},
                     {"event_type", "keep_alive"},
                     {"instance_id", "i-123"}};
  ApplyStats stats = Apply(*store, {keep_alive, keep_alive});
  EXPECT_EQ(stats.keep_alives, 2);
  EXPECT_EQ(EventRows(path), 0);
  std::vector<std::string> texts = {keep_alive.dump()};
  EXPECT_EQ(store->ApplyEventTexts(texts)->keep_alives, 1);
  EXPECT_EQ(EventRows(path), 0);
}

TEST(ApplyEvents, MalformedEventDoesNotLoseTheRestOfTheBatch) {
  std::string path;
  auto store = StoreWithEnqueued(3, &path);
  Json bad_retry = TaskEvent("task_completed", "t2", false, 1);
  bad_retry["retry"] = "sometimes";
  std::vector<std::string> texts = {TaskEvent("task_completed", "t1", false, 1).dump(), "{oops",
                                    bad_retry.dump(), "[1,2]",
                                    TaskEvent("task_completed", "t3", false, 1).dump()};
  auto stats = store->ApplyEventTexts(texts);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->applied, 2);
  ASSERT_EQ(stats->errors.size(), 3u);
  EXPECT_EQ(stats->errors[0].index, 1u);
  EXPECT_EQ(stats->errors[1].index, 2u);
  EXPECT_NE(stats->errors[1].message.find("retry"), std::string::npos);
  EXPECT_EQ(stats->errors[2].index, 3u);
  EXPECT_EQ(stats->outcomes[1], EventOutcome::kMalformed);
  EXPECT_EQ(Row(*store, "t1").status, "completed");
  EXPECT_EQ(Row(*store, "t2").status, "in_queue_original");
  EXPECT_EQ(Row(*store, "t3").status, "completed");
  EXPECT_EQ(EventRows(path), 2);
}

TEST(ApplyEvents, StoredEventColumnsAndRawJsonInOrder) {
  std::string path;
  auto store = StoreWithEnqueued(1, &path);
  Json e1 = TaskEvent("task_exception", "t1", true, 1.0, "2024-05-01T12:01:00+02:00", "h1");
  Json e2 = TaskEvent("task_completed", "t1", false, 1.0, "2024-05-01T10:02:00", "h1");
  Apply(*store, {e1, e2});
  std::vector<Json> raw;
  ASSERT_TRUE(store
                  ->ForEachRawEvent([&](std::string_view text) {
                    raw.push_back(Json::parse(text));
                    return OkStatus();
                  })
                  .ok());
  EXPECT_EQ(raw, (std::vector<Json>{e1, e2}));  // raw JSON keeps the event as sent
  auto db = sqlite::Database::Open(path, SQLITE_OPEN_READONLY);
  EXPECT_EQ(*db->QueryText("SELECT timestamp FROM events WHERE id = 1"), "2024-05-01T10:01:00.000000+00:00");
  EXPECT_EQ(*db->QueryText("SELECT timestamp FROM events WHERE id = 2"), "2024-05-01T10:02:00.000000+00:00");
  EXPECT_EQ(*db->QueryText("SELECT event_type || '/' || task_id || '/' || hostname FROM events WHERE id = 1"),
            "task_exception/t1/h1");
}

TEST(ApplyEvents, PreDecodedEventsAndTextRedeliveries) {
  std::string path;
  auto store = StoreWithEnqueued(2, &path);
  // A monitor decodes once, handles keep-alives itself, and hands the rest over.
  std::string keep_alive =
      R"({"timestamp": "2024-05-01T10:00:00+00:00", "event_type": "keep_alive", "instance_id": "i-9"})";
  std::string done =
      R"({"timestamp": "2024-05-01T10:05:00.000000+00:00", "hostname": "h", "event_type": "task_completed", "task_id": "t1", "retry": false, "elapsed_time": 1.5, "result": [1, 2]})";
  auto ka = ParseEventText(keep_alive);
  ASSERT_TRUE(ka.ok());
  EXPECT_EQ(ka->instance_id, "i-9");
  std::vector<ParsedEvent> decoded = {*ka, *ParseEventText(done)};
  auto stats = store->ApplyParsedEvents(decoded);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->keep_alives, 1);
  EXPECT_EQ(stats->applied, 1);
  TaskRow row = Row(*store, "t1");
  EXPECT_EQ(row.result_json, "[1, 2]");  // the value as the worker wrote it
  EXPECT_EQ(row.elapsed_time, 1.5);
  // The same message again as text (e.g. redelivered by the queue) is a duplicate; the
  // stored raw_event is the text as received.
  std::vector<std::string> texts = {done, "  " + done + "\n"};
  stats = store->ApplyEventTexts(texts);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->duplicates, 2);
  EXPECT_EQ(EventRows(path), 1);
  std::string stored;
  ASSERT_TRUE(store
                  ->ForEachRawEvent([&](std::string_view raw) {
                    stored = raw;
                    return OkStatus();
                  })
                  .ok());
  EXPECT_EQ(stored, done);
}

TEST(ApplyEvents, RetryDefaultsToFalse) {
  auto store = StoreWithEnqueued(1);
  Json e = {{"timestamp", "2024-05-01T10:00:00Z"},
            {"event_type", "task_exception"},
            {"task_id", "t1"},
            {"exception", "E"}};
  Apply(*store, {e});
  TaskRow row = Row(*store, "t1");
  EXPECT_EQ(row.status, "exception");
  EXPECT_EQ(row.retry, false);
  EXPECT_FALSE(row.elapsed_time.has_value());
  EXPECT_FALSE(row.hostname.has_value());
}

}  // namespace
}  // namespace cloud_tasks::jobdb
