#include "jobdb/schema.h"

#include <fmt/format.h>

#include <set>
#include <string>
#include <vector>

#include "core/logging.h"
#include "jobdb/event_apply.h"

namespace cloud_tasks::jobdb {
namespace {

// Column lists exactly as the original creates them (order included).
constexpr const char* kCreateTasks = R"sql(
CREATE TABLE IF NOT EXISTS tasks (
    task_id TEXT PRIMARY KEY,
    task_data TEXT,
    status TEXT,
    retry BOOLEAN,
    enqueued_at TIMESTAMP,
    started_at TIMESTAMP,
    completed_at TIMESTAMP,
    elapsed_time REAL,
    hostname TEXT,
    result TEXT,
    exception TEXT,
    exit_code INTEGER
);
CREATE INDEX IF NOT EXISTS idx_task_status ON tasks(status);
)sql";

constexpr const char* kCreateEvents = R"sql(
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    timestamp TIMESTAMP,
    hostname TEXT,
    event_type TEXT,
    task_id TEXT,
    raw_event TEXT,
    event_key INTEGER
);
CREATE INDEX IF NOT EXISTS idx_event_task_id ON events(task_id);
)sql";

// Our additions (see schema.h).
constexpr const char* kCreateAddedIndexes = R"sql(
CREATE INDEX IF NOT EXISTS idx_event_key_no_task ON events(event_key) WHERE task_id IS NULL;
CREATE INDEX IF NOT EXISTS idx_event_spot_host ON events(hostname) WHERE event_type = 'spot_termination';
)sql";

const std::vector<std::string> kTaskColumns = {"task_id",     "task_data",  "status",       "retry",
                                               "enqueued_at", "started_at", "completed_at", "elapsed_time",
                                               "hostname",    "result",     "exception",    "exit_code"};
const std::vector<std::string> kEventColumns = {"id",         "timestamp", "hostname",
                                                "event_type", "task_id",   "raw_event"};

Result<std::set<std::string>> ColumnsOf(sqlite::Database& db, std::string_view table) {
  CT_ASSIGN_OR_RETURN(sqlite::Statement stmt,
                      sqlite::Statement::Prepare(db, fmt::format("PRAGMA table_info({})", table)));
  std::set<std::string> columns;
  while (true) {
    CT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    columns.emplace(stmt.ColumnText(1));
  }
  return columns;
}

bool HasAll(const std::set<std::string>& have, const std::vector<std::string>& want) {
  for (const auto& c : want) {
    if (!have.contains(c)) return false;
  }
  return true;
}

// Computes event_key for every stored event that lacks one (events written by the
// original or by another tool).
Status BackfillEventKeys(sqlite::Database& db) {
  CT_ASSIGN_OR_RETURN(auto select,
                      sqlite::Statement::Prepare(db,
                                                 "SELECT id, raw_event FROM events "
                                                 "WHERE event_key IS NULL AND raw_event IS NOT NULL"));
  CT_ASSIGN_OR_RETURN(auto update,
                      sqlite::Statement::Prepare(db, "UPDATE events SET event_key = ? WHERE id = ?"));
  std::vector<std::pair<int64_t, int64_t>> keys;  // (id, key); updated after the scan
  while (true) {
    CT_ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    keys.emplace_back(select.ColumnInt(0), EventKey(select.ColumnText(1)));
  }
  select.Reset();
  for (const auto& [id, key] : keys) {
    update.BindInt(1, key);
    update.BindInt(2, id);
    CT_RETURN_IF_ERROR(update.Run());
  }
  if (!keys.empty()) LogInfo("Computed de-duplication keys for {} stored events", keys.size());
  return OkStatus();
}

}  // namespace

Status CreateSchema(sqlite::Database& db) {
  CT_RETURN_IF_ERROR(db.Exec(kCreateTasks));
  CT_RETURN_IF_ERROR(db.Exec(kCreateEvents));
  CT_RETURN_IF_ERROR(db.Exec(kCreateAddedIndexes));
  return db.Exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
}

Result<SchemaInfo> InspectSchema(sqlite::Database& db) {
  SchemaInfo info;
  CT_ASSIGN_OR_RETURN(info.user_version, db.QueryInt("PRAGMA user_version"));
  CT_ASSIGN_OR_RETURN(auto tasks, ColumnsOf(db, "tasks"));
  CT_ASSIGN_OR_RETURN(auto events, ColumnsOf(db, "events"));
  info.has_tasks = HasAll(tasks, kTaskColumns);
  info.has_events = HasAll(events, kEventColumns);
  info.has_event_key = events.contains("event_key");
  return info;
}

Status CheckReadable(const SchemaInfo& info, const std::string& path) {
  if (!info.has_tasks || !info.has_events) {
    return FailedPreconditionError(fmt::format(
        "'{}' is not a cloud_tasks job database (tables 'tasks' and 'events' with the expected columns "
        "are missing)",
        path));
  }
  if (info.user_version > kSchemaVersion) {
    return FailedPreconditionError(
        fmt::format("job database '{}' has schema version {}, newer than this program supports ({}); "
                    "use a newer cloud_tasks",
                    path, info.user_version, kSchemaVersion));
  }
  return OkStatus();
}

Status UpgradeSchema(sqlite::Database& db, const SchemaInfo& info) {
  if (info.user_version == kSchemaVersion && info.has_event_key) return OkStatus();
  CT_ASSIGN_OR_RETURN(auto txn, sqlite::Transaction::Begin(db, /*immediate=*/true));
  if (!info.has_event_key) {
    CT_RETURN_IF_ERROR(db.Exec("ALTER TABLE events ADD COLUMN event_key INTEGER"));
  } else if (info.user_version < 2) {
    CT_RETURN_IF_ERROR(db.Exec("UPDATE events SET event_key = NULL"));  // version 1: FNV-1a keys
  }
  CT_RETURN_IF_ERROR(db.Exec(kCreateAddedIndexes));
  CT_RETURN_IF_ERROR(BackfillEventKeys(db));
  CT_RETURN_IF_ERROR(db.Exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion)));
  CT_RETURN_IF_ERROR(txn.Commit());
  LogInfo("Upgraded job database '{}' to schema version {}", db.path(), kSchemaVersion);
  return OkStatus();
}

}  // namespace cloud_tasks::jobdb
