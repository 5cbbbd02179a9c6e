#pragma once
/// Thin RAII wrappers over the SQLite C API (job store, local queue): a connection, a
/// prepared statement and a transaction. Every failure becomes a Status whose message
/// names the database file and the operation. Not thread-safe: the owner serialises use.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace cloud_tasks::sqlite {

/// Maps an SQLite result code to the project's error codes (BUSY → Unavailable,
/// CONSTRAINT → AlreadyExists, READONLY → PermissionDenied, NOTADB → FailedPrecondition…).
ErrorCode ErrorCodeFor(int sqlite_code);

/// An open connection. Movable, closes on destruction.
class Database {
 public:
  Database() = default;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  /// Opens `path` with sqlite3_open_v2 `flags` (SQLITE_OPEN_* bits). The error names the path.
  static Result<Database> Open(const std::string& path, int flags);

  sqlite3* get() const { return db_; }
  const std::string& path() const { return path_; }

  /// Runs one or more statements that return no rows of interest.
  Status Exec(std::string_view sql);

  /// Runs a statement returning one integer (e.g. `PRAGMA user_version`).
  Result<int64_t> QueryInt(std::string_view sql);

  /// Runs a statement returning one text value (e.g. `PRAGMA journal_mode=WAL`).
  Result<std::string> QueryText(std::string_view sql);

  /// A Status for the connection's last error: "<what> in '<path>': <sqlite message>".
  Status LastError(std::string_view what, int code) const;

  /// Number of rows changed by the last INSERT/UPDATE/DELETE.
  int64_t Changes() const { return sqlite3_changes64(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

/// A prepared statement bound to a Database that must outlive it. Parameters are
/// 1-based as in SQLite; text is bound as a transient copy unless stated otherwise.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  static Result<Statement> Prepare(Database& db, std::string_view sql);

  bool valid() const { return stmt_ != nullptr; }

  /// Binders; a failure (wrong index, out of memory) is reported by the next Step().
  void BindNull(int index);
  void BindInt(int index, int64_t value);
  void BindDouble(int index, double value);
  /// Binds `value` without copying: it must stay alive until Reset() or the next bind.
  void BindTextStatic(int index, std::string_view value);
  void BindText(int index, std::string_view value);
  void BindOptionalText(int index, const std::optional<std::string>& value);
  void BindOptionalDouble(int index, const std::optional<double>& value);
  void BindOptionalInt(int index, const std::optional<int64_t>& value);

  /// Advances: true when a row is available, false when done, or an error.
  Result<bool> Step();
  /// Runs a statement expected to return no rows.
  Status Run();
  /// Resets for re-execution and clears bindings.
  void Reset();

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t ColumnInt(int col) const { return sqlite3_column_int64(stmt_, col); }
  double ColumnDouble(int col) const { return sqlite3_column_double(stmt_, col); }
  /// The column as text; valid until the next Step/Reset.
  std::string_view ColumnText(int col) const;
  std::optional<std::string> ColumnOptionalText(int col) const;

 private:
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Database* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = SQLITE_OK;
};

/// BEGIN IMMEDIATE (writer) or BEGIN (reader) on construction through Begin(); rolls
/// back on destruction unless Commit() succeeded.
class Transaction {
 public:
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  ~Transaction();

  static Result<Transaction> Begin(Database& db, bool immediate);
  Status Commit();
  /// Rolls back now; the error, if any, is logged and ignored.
  void Rollback();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_ = nullptr;
};

}  // namespace cloud_tasks::sqlite
