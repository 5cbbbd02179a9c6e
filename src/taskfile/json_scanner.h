#pragma once
/// A validating JSON scanner that works in place on an InputBuffer window: it checks
/// syntax (RFC 8259: no trailing commas, leading zeros or bad escapes), well-formed UTF-8
/// and the absence of raw control characters in strings, without building a tree.
///
/// The window must end with a NUL sentinel followed by InputBuffer::kPadding readable
/// bytes. When a token runs into the end of the window before the source is exhausted,
/// the scan stops with kNeedMore; the caller refills (keeping the current item) and
/// starts the item again, so every item is scanned from contiguous memory.

#include <string>
#include <string_view>

namespace cloud_tasks::taskfile {

enum class ScanStatus { kOk, kNeedMore, kError };

/// What ParseTask found in a task object (views point into the window).
struct TaskFields {
  std::string_view raw_id;  ///< task_id string contents as written (escapes undecoded)
  bool id_escaped = false;  ///< raw_id contains backslash escapes
};

class JsonScanner {
 public:
  /// Nesting limit for objects and arrays inside a task.
  static constexpr int kMaxDepth = 512;

  /// Sets the end of the window (*end == '\0') and whether the source is exhausted.
  void Reset(const char* end, bool eof) {
    end_ = end;
    eof_ = eof;
    status_ = ScanStatus::kOk;
    capture_ = nullptr;
  }

  /// Skips JSON whitespace (space, tab, CR, LF); stops at the sentinel at the latest.
  const char* SkipWs(const char* p) { return Ws(p); }

  /// Parses the task object at `p` (a non-whitespace byte): checks syntax and the task
  /// rules (an object; "task_id" a non-empty string, once; "data" an object, once). When
  /// `data` is not null, the compact text of "data" (whitespace outside strings removed)
  /// is appended to it. Returns the position after the object, or nullptr with status()
  /// kNeedMore or kError (then error() and error_at() say what and where).
  const char* ParseTask(const char* p, TaskFields& out, std::string* data);

  /// Validates and skips one JSON value of any type at `p`. Same failure contract.
  const char* SkipValue(const char* p) { return Value(p, 0); }

  /// Whether whitespace skipped since the last ClearNewlineSeen held a newline. JSON
  /// has newlines only in whitespace (raw ones in strings are errors), so callers can
  /// skip counting lines over a span that had none.
  bool newline_seen() const { return newline_seen_; }
  void ClearNewlineSeen() { newline_seen_ = false; }

  ScanStatus status() const { return status_; }
  const std::string& error() const { return error_; }
  const char* error_at() const { return error_at_; }

  /// Fails with kNeedMore, or with `message` at `at` when the source is exhausted.
  const char* NeedMoreOr(const char* at, const char* message);
  /// The failure for an unexpected byte at `p`: kNeedMore at the end of the window,
  /// "unexpected end of file" at the end of the input, else "unexpected <byte>".
  const char* Unexpected(const char* p, const char* expected);
  const char* Fail(const char* at, std::string message);

  /// JSON type name of the value starting at `p` ("object", "array", "string", "number",
  /// "boolean", "null"), or nullptr when no value can start there.
  static const char* TypeNameAt(const char* p);

  /// Decodes string contents [begin, end) that the scanner has validated.
  static void DecodeString(const char* begin, const char* end, std::string& out);

  /// Human-readable form of the byte at `p` for messages: 'x' or byte 0xHH.
  static std::string DescribeByte(const char* p);

 private:
  static bool IsWs(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
  const char* Ws(const char* p) {
    if (!IsWs(*p)) return p;
    if (capture_ != nullptr) return SkipWsSlow(p);
    bool newline = false;
    do {
      newline |= *p == '\n';
      ++p;
    } while (IsWs(*p));
    newline_seen_ |= newline;
    return p;
  }
  const char* SkipWsSlow(const char* p);
  const char* NeedMore();
  const char* Value(const char* p, int depth);
  const char* Object(const char* p, int depth);
  const char* Array(const char* p, int depth);
  const char* String(const char* p, bool* escaped);
  const char* Escape(const char* p, const char* string_start);
  const char* UnicodeEscape(const char* p);
  const char* Number(const char* p);
  const char* Literal(const char* p, std::string_view word);
  const char* Member(std::string_view key, const char* key_at, const char* p, TaskFields& out,
                     std::string* data, bool& have_id, bool& have_data);
  const char* WrongType(const char* p, const char* rule);

  const char* end_ = nullptr;
  bool eof_ = false;
  ScanStatus status_ = ScanStatus::kOk;
  std::string error_;
  const char* error_at_ = nullptr;
  bool newline_seen_ = false;
  std::string* capture_ = nullptr;  // compact "data" text is appended here while set
  const char* capture_from_ = nullptr;
  std::string key_scratch_;
};

}  // namespace cloud_tasks::taskfile
