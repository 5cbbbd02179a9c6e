#pragma once
// The peer of bench_jobdb's event phase: the least SQLite work any job database with the
// original's schema (DB-02/DB-03: tasks + idx_task_status, events + idx_event_task_id)
// must do per completion event: one `events` row and one task-row update, through the
// plain sqlite3 C API, same pragmas and batch size, and nothing else (no decoding, no
// de-duplication, no terminal-status guard, constant column values).

#include <cstddef>
#include <functional>
#include <string>

namespace bench_jobdb {

struct FloorInputs {
  std::string path;  ///< file to create (removed afterwards)
  size_t tasks = 0;
  size_t insert_batch = 0;
  size_t event_batch = 0;
  int cache_mib = 32;
  std::function<std::string(size_t)> task_id;
  std::function<std::string(size_t)> task_data;
  std::function<std::string(size_t)> event_text;
};

/// Seconds spent writing the events (task rows are inserted first, untimed).
double SqliteFloorEventSeconds(const FloorInputs& in);

}  // namespace bench_jobdb
