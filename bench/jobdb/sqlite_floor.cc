#include "sqlite_floor.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

namespace bench_jobdb {
namespace {

[[noreturn]] void Fail(sqlite3* db, const char* what) {
  fmt::print(stderr, "bench_jobdb floor: {}: {}\n", what, sqlite3_errmsg(db));
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) Fail(db, sql.c_str());
}

sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) Fail(db, sql);
  return stmt;
}

void Run(sqlite3* db, sqlite3_stmt* stmt) {
  if (sqlite3_step(stmt) != SQLITE_DONE) Fail(db, sqlite3_sql(stmt));
  sqlite3_reset(stmt);
}

void Text(sqlite3_stmt* stmt, int index, const std::string& value) {
  sqlite3_bind_text(stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}

}  // namespace

double SqliteFloorEventSeconds(const FloorInputs& in) {
  sqlite3* db = nullptr;
  if (sqlite3_open(in.path.c_str(), &db) != SQLITE_OK) Fail(db, "open");
  Exec(db, fmt::format("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-{}; "
                       "PRAGMA wal_autocheckpoint=16384; PRAGMA journal_size_limit=67108864",
                       in.cache_mib * 1024));
  Exec(db,
       "CREATE TABLE tasks (task_id TEXT PRIMARY KEY, task_data TEXT, status TEXT, retry BOOLEAN, "
       "enqueued_at TIMESTAMP, started_at TIMESTAMP, completed_at TIMESTAMP, elapsed_time REAL, "
       "hostname TEXT, result TEXT, exception TEXT, exit_code INTEGER);"
       "CREATE INDEX idx_task_status ON tasks(status);"
       "CREATE TABLE events (id INTEGER PRIMARY KEY, timestamp TIMESTAMP, hostname TEXT, "
       "event_type TEXT, task_id TEXT, raw_event TEXT);"
       "CREATE INDEX idx_event_task_id ON events(task_id);");
  sqlite3_stmt* insert_task =
      Prepare(db,
              "INSERT INTO tasks (task_id, task_data, status, enqueued_at, started_at) "
              "VALUES (?1, ?2, 'in_queue_original', '2024-05-01T10:00:00', "
              "'2024-05-01T10:00:01')");
  Exec(db, "BEGIN");
  for (size_t i = 0; i < in.tasks; ++i) {
    std::string id = in.task_id(i);
    std::string data = in.task_data(i);
    Text(insert_task, 1, id);
    Text(insert_task, 2, data);
    Run(db, insert_task);
    if ((i + 1) % in.insert_batch == 0) Exec(db, "COMMIT; BEGIN");
  }
  Exec(db, "COMMIT");

  sqlite3_stmt* insert_event =
      Prepare(db,
              "INSERT INTO events (timestamp, hostname, event_type, task_id, raw_event) "
              "VALUES ('2024-05-01T10:00:02', 'host', 'task_completed', ?1, ?2)");
  sqlite3_stmt* update_task =
      Prepare(db,
              "UPDATE tasks SET status = 'completed', retry = 0, "
              "completed_at = '2024-05-01T10:00:02', elapsed_time = 1.5, hostname = 'host', "
              "result = '1', exception = NULL, exit_code = NULL WHERE task_id = ?1");
  double seconds = 0;
  std::vector<std::pair<std::string, std::string>> batch;
  for (size_t start = 0; start < in.tasks; start += in.event_batch) {
    batch.clear();
    for (size_t i = start; i < std::min(in.tasks, start + in.event_batch); ++i) {
      batch.emplace_back(in.task_id(i), in.event_text(i));
    }
    auto t0 = std::chrono::steady_clock::now();
    Exec(db, "BEGIN IMMEDIATE");
    for (const auto& [id, raw] : batch) {
      Text(insert_event, 1, id);
      Text(insert_event, 2, raw);
      Run(db, insert_event);
      Text(update_task, 1, id);
      Run(db, update_task);
    }
    Exec(db, "COMMIT");
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  for (sqlite3_stmt* stmt : {insert_task, insert_event, update_task}) sqlite3_finalize(stmt);
  sqlite3_close(db);
  for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((in.path + suffix).c_str());
  return seconds;
}

}  // namespace bench_jobdb
