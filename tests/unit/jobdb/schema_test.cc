// Schema compatibility with the original, file mode, journal mode, open modes and the
// upgrade of a file written by the original.

#include "jobdb/schema.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <utility>

#include "core/files.h"
#include "jobdb_test_util.h"
#include "sqlite/sqlite_util.h"

namespace cloud_tasks::jobdb {
namespace {

using testing::CreateStore;
using testing::TestDbPath;

sqlite::Database RawOpen(const std::string& path) {
  auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return std::move(db).value();
}

// (name, declared type, pk) of every column, in order.
std::vector<std::tuple<std::string, std::string, int>> TableInfo(sqlite::Database& db,
                                                                 const std::string& table) {
  auto stmt = sqlite::Statement::Prepare(db, "PRAGMA table_info(" + table + ")");
  EXPECT_TRUE(stmt.ok());
  std::vector<std::tuple<std::string, std::string, int>> out;
  while (*stmt->Step()) {
    out.emplace_back(std::string(stmt->ColumnText(1)), std::string(stmt->ColumnText(2)),
                     static_cast<int>(stmt->ColumnInt(5)));
  }
  return out;
}

std::string IndexSql(sqlite::Database& db, const std::string& name) {
  auto stmt = sqlite::Statement::Prepare(db, "SELECT sql FROM sqlite_master WHERE type='index' AND name=?1");
  stmt->BindText(1, name);
  if (!*stmt->Step()) return "<missing>";
  return std::string(stmt->ColumnText(0));
}

int FileMode(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return -1;
  return st.st_mode & 0777;
}

TEST(Schema, TasksTableMatchesOriginal) {
  std::string path = TestDbPath();
  auto store = CreateStore(path);
  auto db = RawOpen(path);
  using Col = std::tuple<std::string, std::string, int>;
  std::vector<Col> expected = {{"task_id", "TEXT", 1},
                               {"task_data", "TEXT", 0},
                               {"status", "TEXT", 0},
                               {"retry", "BOOLEAN", 0},
                               {"enqueued_at", "TIMESTAMP", 0},
                               {"started_at", "TIMESTAMP", 0},
                               {"completed_at", "TIMESTAMP", 0},
                               {"elapsed_time", "REAL", 0},
                               {"hostname", "TEXT", 0},
                               {"result", "TEXT", 0},
                               {"exception", "TEXT", 0},
                               {"exit_code", "INTEGER", 0}};
  EXPECT_EQ(TableInfo(db, "tasks"), expected);
  EXPECT_EQ(IndexSql(db, "idx_task_status"), "CREATE INDEX idx_task_status ON tasks(status)");
}

TEST(Schema, EventsTableMatchesOriginalPlusKey) {
  std::string path = TestDbPath();
  auto store = CreateStore(path);
  auto db = RawOpen(path);
  using Col = std::tuple<std::string, std::string, int>;
  std::vector<Col> expected = {{"id", "INTEGER", 1},       {"timestamp", "TIMESTAMP", 0},
                               {"hostname", "TEXT", 0},    {"event_type", "TEXT", 0},
                               {"task_id", "TEXT", 0},     {"raw_event", "TEXT", 0},
                               {"event_key", "INTEGER", 0}};
  EXPECT_EQ(TableInfo(db, "events"), expected);
  EXPECT_EQ(IndexSql(db, "idx_event_task_id"), "CREATE INDEX idx_event_task_id ON events(task_id)");
  EXPECT_EQ(IndexSql(db, "idx_event_key_no_task"),
            "CREATE INDEX idx_event_key_no_task ON events(event_key) WHERE task_id IS NULL");
  EXPECT_NE(IndexSql(db, "idx_event_spot_host"), "<missing>");
  auto sql = db.QueryText("SELECT sql FROM sqlite_master WHERE name='events'");
  EXPECT_NE(sql->find("id INTEGER PRIMARY KEY,"), std::string::npos);
  EXPECT_EQ(*db.QueryInt("PRAGMA user_version"), kSchemaVersion);
}

TEST(Schema, FileIsPrivateAndInWalMode) {
  std::string path = TestDbPath();
  mode_t old_umask = ::umask(0);  // even a permissive umask must not widen the mode
  auto store = CreateStore(path);
  ASSERT_TRUE(store->InsertTasks(testing::MakeTasks(3)).ok());
  ::umask(old_umask);
  EXPECT_EQ(FileMode(path), 0600);
  EXPECT_EQ(FileMode(path + "-wal"), 0600);
  EXPECT_EQ(FileMode(path + "-shm"), 0600);
  auto db = RawOpen(path);
  EXPECT_EQ(*db.QueryText("PRAGMA journal_mode"), "wal");
}

TEST(Schema, CreateRefusesExistingFileUnlessReplacing) {
  std::string path = TestDbPath();
  std::ofstream(path) << "precious";
  auto again = JobStore::Open({.path = path, .mode = OpenMode::kCreate});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(again.status().message().find(path), std::string::npos);
  EXPECT_TRUE(FileExists(path));  // never deleted on our own

  auto replaced = JobStore::Open({.path = path, .mode = OpenMode::kCreate, .replace_existing = true});
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(*(*replaced)->TotalTasks(), 0);
  EXPECT_EQ(FileMode(path), 0600);
}

TEST(Schema, OpenExistingAndReadOnlyNeedTheFile) {
  std::string path = TestDbPath();
  for (OpenMode mode : {OpenMode::kOpenExisting, OpenMode::kReadOnly}) {
    auto store = JobStore::Open({.path = path, .mode = mode});
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), ErrorCode::kNotFound);
    EXPECT_NE(store.status().message().find(path), std::string::npos);
  }
  EXPECT_FALSE(FileExists(path));
}

TEST(Schema, RejectsAFileThatIsNotAJobDatabase) {
  std::string path = TestDbPath();
  {
    auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db->Exec("CREATE TABLE other (x)").ok());
  }
  auto store = JobStore::Open({.path = path, .mode = OpenMode::kOpenExisting});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("not a cloud_tasks job database"), std::string::npos);

  std::string garbage = testing::TestDir() + "/garbage.db";
  std::ofstream(garbage) << std::string(4096, 'x');
  auto bad = JobStore::Open({.path = garbage, .mode = OpenMode::kReadOnly});
  EXPECT_FALSE(bad.ok());
}

TEST(Schema, RejectsNewerSchemaVersion) {
  std::string path = TestDbPath();
  CreateStore(path).reset();
  {
    auto db = RawOpen(path);
    ASSERT_TRUE(db.Exec("PRAGMA user_version = 99").ok());
  }
  auto store = JobStore::Open({.path = path, .mode = OpenMode::kOpenExisting});
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("newer"), std::string::npos);
}

// A file exactly as the Python original writes it (no event_key, user_version 0).
void WriteOriginalFile(const std::string& path) {
  auto db = sqlite::Database::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_TRUE(db->Exec(R"sql(
    CREATE TABLE tasks (task_id TEXT PRIMARY KEY, task_data TEXT, status TEXT, retry BOOLEAN,
      enqueued_at TIMESTAMP, started_at TIMESTAMP, completed_at TIMESTAMP, elapsed_time REAL,
      hostname TEXT, result TEXT, exception TEXT, exit_code INTEGER);
    CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp TIMESTAMP, hostname TEXT,
      event_type TEXT, task_id TEXT, raw_event TEXT);
    CREATE INDEX idx_task_status ON tasks(status);
    CREATE INDEX idx_event_task_id ON events(task_id);
    INSERT INTO tasks (task_id, task_data, status, enqueued_at)
      VALUES ('a', '{"x": 1}', 'in_queue_original', '2024-05-01T10:00:00+00:00');
    INSERT INTO events (timestamp, hostname, event_type, task_id, raw_event) VALUES
      ('2024-05-01T10:01:00+00:00', 'h', 'task_exception', 'a',
       '{"timestamp": "2024-05-01T10:01:00+00:00", "hostname": "h", "event_type": "task_exception", "task_id": "a", "retry": true, "elapsed_time": 1.5, "exception": "E"}');
  )sql")
                  .ok());
}

TEST(Schema, UpgradesAnOriginalFileAndRecognisesItsEvents) {
  std::string path = TestDbPath();
  WriteOriginalFile(path);
  {  // read-only leaves the file as it is
    auto reader = JobStore::Open({.path = path, .mode = OpenMode::kReadOnly});
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    EXPECT_EQ(*(*reader)->TotalTasks(), 1);
  }
  auto store = JobStore::Open({.path = path, .mode = OpenMode::kOpenExisting});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  {
    auto db = RawOpen(path);
    EXPECT_EQ(*db.QueryInt("PRAGMA user_version"), kSchemaVersion);
    EXPECT_EQ(*db.QueryInt("SELECT COUNT(*) FROM events WHERE event_key IS NOT NULL"), 1);
  }
  // The same message redelivered (a Python worker's json.dumps text) is a duplicate.
  std::vector<std::string> again = {
      R"({"timestamp": "2024-05-01T10:01:00+00:00", "hostname": "h", "event_type": "task_exception", )"
      R"("task_id": "a", "retry": true, "elapsed_time": 1.5, "exception": "E"})"};
  auto stats = (*store)->ApplyEventTexts(again);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->duplicates, 1);
  EXPECT_EQ(testing::Row(**store, "a").status, "in_queue_original");
  // A different event for the task is still applied.
  std::vector<std::string> done = {
      R"({"timestamp": "2024-05-01T10:02:00+00:00", "hostname": "h", "event_type": "task_completed", )"
      R"("task_id": "a", "retry": false, "elapsed_time": 2.5, "result": 7})"};
  EXPECT_EQ((*store)->ApplyEventTexts(done)->applied, 1);
  EXPECT_EQ(testing::Row(**store, "a").status, "completed");
}

// Version 1 stored keys from another hash: they are recomputed, so a redelivered copy of
// an event stored by version 1 is still recognised.
TEST(Schema, RecomputesKeysOfAVersionOneFile) {
  std::string path = TestDbPath();
  WriteOriginalFile(path);
  {
    auto db = RawOpen(path);
    ASSERT_TRUE(
        db.Exec("ALTER TABLE events ADD COLUMN event_key INTEGER; UPDATE events SET event_key = 12345; "
                "PRAGMA user_version = 1")
            .ok());
  }
  auto store = JobStore::Open({.path = path, .mode = OpenMode::kOpenExisting});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  {
    auto db = RawOpen(path);
    EXPECT_EQ(*db.QueryInt("PRAGMA user_version"), kSchemaVersion);
    EXPECT_EQ(*db.QueryInt("SELECT COUNT(*) FROM events WHERE event_key = 12345"), 0);
  }
  std::vector<std::string> again = {
      R"({"timestamp": "2024-05-01T10:01:00+00:00", "hostname": "h", "event_type": "task_exception", )"
      R"("task_id": "a", "retry": true, "elapsed_time": 1.5, "exception": "E"})"};
  EXPECT_EQ((*store)->ApplyEventTexts(again)->duplicates, 1);
}

}  // namespace
}  // namespace cloud_tasks::jobdb
