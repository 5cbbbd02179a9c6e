// JobStore read queries. Each runs as one statement, i.e. on one consistent snapshot
// of the last committed batch (WAL), even while another process writes.

#include <fmt/format.h>

#include "jobdb/job_store.h"
#include "jobdb/job_store_impl.h"

namespace cloud_tasks::jobdb {
namespace {

// Runs `stmt` to the end, calling `on_row` for each row; stops at its first error.
template <typename OnRow>
Status ForEachRow(sqlite::Statement& stmt, OnRow on_row) {
  while (true) {
    CT_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return OkStatus();
    Status status = on_row(stmt);
    if (!status.ok()) return status;
  }
}

std::optional<double> OptionalDouble(const sqlite::Statement& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.ColumnDouble(col);
}

std::optional<int64_t> OptionalInt(const sqlite::Statement& s, int col) {
  if (s.IsNull(col)) return std::nullopt;
  return s.ColumnInt(col);
}

TaskRow ReadTaskRow(const sqlite::Statement& s) {
  TaskRow row;
  row.task_id = std::string(s.ColumnText(0));
  row.data_json = s.ColumnOptionalText(1);
  row.status = std::string(s.ColumnText(2));
  if (!s.IsNull(3)) row.retry = s.ColumnInt(3) != 0;
  row.enqueued_at = s.ColumnOptionalText(4);
  row.started_at = s.ColumnOptionalText(5);
  row.completed_at = s.ColumnOptionalText(6);
  row.elapsed_time = OptionalDouble(s, 7);
  row.hostname = s.ColumnOptionalText(8);
  row.result_json = s.ColumnOptionalText(9);
  row.exception = s.ColumnOptionalText(10);
  row.exit_code = OptionalInt(s, 11);
  return row;
}

}  // namespace

Result<std::map<std::string, int64_t>> JobStore::CountsByStatus() {
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(auto stmt,
                      sqlite::Statement::Prepare(
                          impl_->db, "SELECT status, COUNT(*) FROM tasks GROUP BY status ORDER BY status"));
  std::map<std::string, int64_t> counts;
  CT_RETURN_IF_ERROR(ForEachRow(stmt, [&](const sqlite::Statement& s) {
    counts[std::string(s.ColumnText(0))] += s.ColumnInt(1);  // a NULL status counts as ""
    return OkStatus();
  }));
  return counts;
}

Result<int64_t> JobStore::TotalTasks() {
  std::lock_guard lock(impl_->mu);
  return impl_->db.QueryInt("SELECT COUNT(*) FROM tasks");
}

Result<int64_t> JobStore::RemainingCount() {
  CT_ASSIGN_OR_RETURN(auto counts, CountsByStatus());
  int64_t remaining = 0;
  for (const auto& [status, count] : counts) {
    if (!IsTerminalStatus(status)) remaining += count;
  }
  return remaining;
}

Result<bool> JobStore::IsComplete() {
  CT_ASSIGN_OR_RETURN(int64_t remaining, RemainingCount());
  return remaining == 0;
}

Result<std::vector<std::string>> JobStore::RemainingTaskIds(size_t limit) {
  // Listing the non-terminal statuses first lets SQLite use idx_task_status instead of
  // scanning every row (NOT IN cannot use the index).
  CT_ASSIGN_OR_RETURN(auto counts, CountsByStatus());
  std::vector<std::string> statuses;
  for (const auto& [status, count] : counts) {
    if (!IsTerminalStatus(status)) statuses.push_back(status);
  }
  std::vector<std::string> ids;
  if (statuses.empty() || limit == 0) return ids;
  std::string placeholders;
  for (size_t i = 0; i < statuses.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(auto stmt, sqlite::Statement::Prepare(
                                     impl_->db, fmt::format("SELECT task_id FROM tasks WHERE status IN ({}) "
                                                            "ORDER BY task_id LIMIT ?",
                                                            placeholders)));
  for (size_t i = 0; i < statuses.size(); ++i) stmt.BindTextStatic(static_cast<int>(i + 1), statuses[i]);
  stmt.BindInt(static_cast<int>(statuses.size() + 1), static_cast<int64_t>(limit));
  CT_RETURN_IF_ERROR(ForEachRow(stmt, [&](const sqlite::Statement& s) {
    ids.emplace_back(s.ColumnText(0));
    return OkStatus();
  }));
  return ids;
}

Result<TaskPage> JobStore::ListTasksWithStatus(std::string_view status, int64_t after_cursor, size_t limit) {
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(auto stmt,
                      sqlite::Statement::Prepare(impl_->db,
                                                 "SELECT rowid, task_id, task_data FROM tasks "
                                                 "WHERE status = ?1 AND rowid > ?2 ORDER BY rowid LIMIT ?3"));
  stmt.BindTextStatic(1, status);
  stmt.BindInt(2, after_cursor);
  stmt.BindInt(3, static_cast<int64_t>(limit));
  TaskPage page;
  page.next_cursor = after_cursor;
  CT_RETURN_IF_ERROR(ForEachRow(stmt, [&](const sqlite::Statement& s) {
    page.next_cursor = s.ColumnInt(0);
    page.tasks.push_back({std::string(s.ColumnText(1)), std::string(s.ColumnText(2))});
    return OkStatus();
  }));
  return page;
}

Status JobStore::ForEachTaskWithStatus(std::string_view status, const TaskVisitor& visit) {
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(
      auto stmt, sqlite::Statement::Prepare(
                     impl_->db, "SELECT task_id, task_data FROM tasks WHERE status = ?1 ORDER BY rowid"));
  stmt.BindTextStatic(1, status);
  return ForEachRow(stmt,
                    [&](const sqlite::Statement& s) { return visit(s.ColumnText(0), s.ColumnText(1)); });
}

Status JobStore::ForEachRawEvent(const RawEventVisitor& visit) {
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(auto stmt,
                      sqlite::Statement::Prepare(
                          impl_->db, "SELECT raw_event FROM events WHERE raw_event IS NOT NULL ORDER BY id"));
  return ForEachRow(stmt, [&](const sqlite::Statement& s) { return visit(s.ColumnText(0)); });
}

Result<std::optional<TaskRow>> JobStore::GetTask(std::string_view task_id) {
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(auto stmt, sqlite::Statement::Prepare(
                                     impl_->db,
                                     "SELECT task_id, task_data, status, retry, enqueued_at, started_at, "
                                     "completed_at, elapsed_time, hostname, result, exception, exit_code "
                                     "FROM tasks WHERE task_id = ?1"));
  stmt.BindTextStatic(1, task_id);
  CT_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::optional<TaskRow>();
  return std::optional<TaskRow>(ReadTaskRow(stmt));
}

Result<ElapsedSamples> JobStore::ElapsedTimes() {
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(
      auto stmt, sqlite::Statement::Prepare(
                     impl_->db, "SELECT status, elapsed_time FROM tasks WHERE elapsed_time IS NOT NULL"));
  ElapsedSamples samples;
  CT_RETURN_IF_ERROR(ForEachRow(stmt, [&](const sqlite::Statement& s) {
    double value = s.ColumnDouble(1);
    samples.all.push_back(value);
    if (s.ColumnText(0) == kStatusCompleted) samples.completed.push_back(value);
    return OkStatus();
  }));
  return samples;
}

Result<JobStore::ElapsedMean> JobStore::CompletedElapsedMean() {
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(auto stmt, sqlite::Statement::Prepare(impl_->db,
                                                            "SELECT COUNT(elapsed_time), AVG(elapsed_time) "
                                                            "FROM tasks WHERE status = ?1"));
  stmt.BindText(1, kStatusCompleted);
  ElapsedMean out;
  CT_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (found) {
    out.count = stmt.ColumnInt(0);
    out.mean = out.count > 0 ? stmt.ColumnDouble(1) : 0;
  }
  return out;
}

Result<std::vector<ExceptionCount>> JobStore::TopExceptions(size_t limit) {
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(auto stmt, sqlite::Statement::Prepare(impl_->db,
                                                            "SELECT exception, COUNT(*) AS n FROM tasks "
                                                            "WHERE exception IS NOT NULL GROUP BY exception "
                                                            "ORDER BY n DESC, exception LIMIT ?1"));
  stmt.BindInt(1, static_cast<int64_t>(limit));
  std::vector<ExceptionCount> out;
  CT_RETURN_IF_ERROR(ForEachRow(stmt, [&](const sqlite::Statement& s) {
    out.push_back({std::string(s.ColumnText(0)), s.ColumnInt(1)});
    return OkStatus();
  }));
  return out;
}

Result<std::vector<std::string>> JobStore::SpotTerminationHosts() {
  std::lock_guard lock(impl_->mu);
  // The WHERE clause matches idx_event_spot_host's, so only spot events are read.
  CT_ASSIGN_OR_RETURN(auto stmt, sqlite::Statement::Prepare(impl_->db,
                                                            "SELECT DISTINCT hostname FROM events "
                                                            "WHERE event_type = 'spot_termination' "
                                                            "AND hostname IS NOT NULL ORDER BY hostname"));
  std::vector<std::string> hosts;
  CT_RETURN_IF_ERROR(ForEachRow(stmt, [&](const sqlite::Statement& s) {
    hosts.emplace_back(s.ColumnText(0));
    return OkStatus();
  }));
  return hosts;
}

Result<TaskTimeRange> JobStore::TimeRange() {
  std::lock_guard lock(impl_->mu);
  CT_ASSIGN_OR_RETURN(auto stmt, sqlite::Statement::Prepare(
                                     impl_->db, "SELECT MIN(enqueued_at), MAX(completed_at) FROM tasks"));
  CT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  TaskTimeRange range;
  if (row) {
    range.first_enqueued_at = stmt.ColumnOptionalText(0);
    range.last_completed_at = stmt.ColumnOptionalText(1);
  }
  return range;
}

}  // namespace cloud_tasks::jobdb
