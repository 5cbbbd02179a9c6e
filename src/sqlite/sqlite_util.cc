#include "sqlite/sqlite_util.h"

#include <fmt/format.h>

#include <utility>

#include "core/logging.h"

namespace cloud_tasks::sqlite {

ErrorCode ErrorCodeFor(int sqlite_code) {
  switch (sqlite_code & 0xff) {
    case SQLITE_OK:
      return ErrorCode::kOk;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorCode::kUnavailable;
    case SQLITE_CONSTRAINT:
      return ErrorCode::kAlreadyExists;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return ErrorCode::kPermissionDenied;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return ErrorCode::kFailedPrecondition;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return ErrorCode::kIo;
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
      return ErrorCode::kInternal;
    default:
      return ErrorCode::kIo;
  }
}

// ---- Database --------------------------------------------------------------

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Result<Database> Database::Open(const std::string& path, int flags) {
  Database db;
  db.path_ = path;
  int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db.db_ != nullptr ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc);
    return Status(ErrorCodeFor(rc), fmt::format("cannot open SQLite database '{}': {}", path, msg));
  }
  sqlite3_extended_result_codes(db.db_, 1);
  return db;
}

Status Database::Exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return OkStatus();
  std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return Status(ErrorCodeFor(rc),
                fmt::format("SQL error in '{}': {} (while running: {})", path_, msg, text.substr(0, 80)));
}

Result<int64_t> Database::QueryInt(std::string_view sql) {
  CT_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(*this, sql));
  CT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return InternalError(fmt::format("query returned no row: {}", sql));
  return stmt.ColumnInt(0);
}

Result<std::string> Database::QueryText(std::string_view sql) {
  CT_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(*this, sql));
  CT_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return InternalError(fmt::format("query returned no row: {}", sql));
  return std::string(stmt.ColumnText(0));
}

Status Database::LastError(std::string_view what, int code) const {
  const char* msg = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  return Status(ErrorCodeFor(code), fmt::format("{} in '{}': {}", what, path_, msg));
}

// ---- Statement -------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Result<Statement> Statement::Prepare(Database& db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                              &stmt, nullptr);
  if (rc != SQLITE_OK) return db.LastError(fmt::format("cannot prepare '{}'", sql.substr(0, 80)), rc);
  return Statement(&db, stmt);
}

void Statement::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) bind_error_ = rc;
}

void Statement::BindInt(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) bind_error_ = rc;
}

void Statement::BindDouble(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) bind_error_ = rc;
}

void Statement::BindTextStatic(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) bind_error_ = rc;
}

void Statement::BindText(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) bind_error_ = rc;
}

void Statement::BindOptionalText(int index, const std::optional<std::string>& value) {
  if (value) {
    BindTextStatic(index, *value);
  } else {
    BindNull(index);
  }
}

void Statement::BindOptionalDouble(int index, const std::optional<double>& value) {
  if (value) {
    BindDouble(index, *value);
  } else {
    BindNull(index);
  }
}

void Statement::BindOptionalInt(int index, const std::optional<int64_t>& value) {
  if (value) {
    BindInt(index, *value);
  } else {
    BindNull(index);
  }
}

Result<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK) {
    int rc = std::exchange(bind_error_, SQLITE_OK);
    return db_->LastError("cannot bind parameter", rc);
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status error = db_->LastError("SQL step failed", rc);
  sqlite3_reset(stmt_);
  return error;
}

Status Statement::Run() {
  Result<bool> row = Step();
  Reset();
  if (!row.ok()) return row.status();
  return OkStatus();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

std::string_view Statement::ColumnText(int col) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (text == nullptr) return {};
  return std::string_view(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<std::string> Statement::ColumnOptionalText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return std::string(ColumnText(col));
}

// ---- Transaction -----------------------------------------------------------

Transaction::~Transaction() { Rollback(); }

Result<Transaction> Transaction::Begin(Database& db, bool immediate) {
  CT_RETURN_IF_ERROR(db.Exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN"));
  return Transaction(&db);
}

Status Transaction::Commit() {
  if (db_ == nullptr) return InternalError("commit of a finished transaction");
  Status status = db_->Exec("COMMIT");
  if (status.ok()) db_ = nullptr;
  return status;
}

void Transaction::Rollback() {
  if (db_ == nullptr) return;
  // After some errors SQLite has already rolled back; ROLLBACK then fails harmlessly.
  if (!sqlite3_get_autocommit(db_->get())) {
    Status status = db_->Exec("ROLLBACK");
    if (!status.ok()) LogWarning("rollback failed: {}", status.message());
  }
  db_ = nullptr;
}

}  // namespace cloud_tasks::sqlite
