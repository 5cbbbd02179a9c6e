#pragma once
/// Errors as values: Status (ok or an error code plus a user-facing message) and
/// Result<T> (a value or a Status). Messages name the place and the fix; callers
/// add context with Status::WithContext as the error travels up.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace cloud_tasks {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,     // bad input from the user: file, flag, value
  kNotFound,            // a named thing does not exist
  kAlreadyExists,       // e.g. duplicate task id
  kFailedPrecondition,  // state does not allow the operation
  kIo,                  // file system or OS call failed
  kUnavailable,         // transient: retry may help
  kPermissionDenied,
  kUnimplemented,  // capability not built yet
  kCancelled,      // user interrupt
  kInternal,       // a bug
};

const char* ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  /// Returns a copy whose message is "<context>: <message>".
  Status WithContext(const std::string& context) const;

  /// "OK" or "<CodeName>: <message>".
  std::string ToString() const;

  /// Explicitly discard a status whose failure does not matter at this call site.
  void IgnoreError() const {}

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
inline Status InvalidArgumentError(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Status NotFoundError(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Status AlreadyExistsError(std::string m) { return {ErrorCode::kAlreadyExists, std::move(m)}; }
inline Status FailedPreconditionError(std::string m) {
  return {ErrorCode::kFailedPrecondition, std::move(m)};
}
inline Status IoError(std::string m) { return {ErrorCode::kIo, std::move(m)}; }
inline Status UnavailableError(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
inline Status UnimplementedError(std::string m) { return {ErrorCode::kUnimplemented, std::move(m)}; }
inline Status CancelledError(std::string m) { return {ErrorCode::kCancelled, std::move(m)}; }
inline Status InternalError(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

/// Status built from errno: "<what>: <strerror(errno)>".
Status ErrnoError(const std::string& what, int err);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(v_);
  }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace cloud_tasks

#define CT_CONCAT_INNER(a, b) a##b
#define CT_CONCAT(a, b) CT_CONCAT_INNER(a, b)

/// Returns the Status from the enclosing function when `expr` is not ok.
#define CT_RETURN_IF_ERROR(expr)               \
  do {                                         \
    ::cloud_tasks::Status ct_status_ = (expr); \
    if (!ct_status_.ok()) return ct_status_;   \
  } while (0)

/// `CT_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result or returns its error.
#define CT_ASSIGN_OR_RETURN(lhs, expr) CT_ASSIGN_OR_RETURN_IMPL(CT_CONCAT(ct_result_, __LINE__), lhs, expr)
#define CT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
