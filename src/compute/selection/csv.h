#pragma once
/// Minimal CSV reading for the catalog files: one record per line, fields separated by
/// commas, optionally in double quotes ("" inside quotes is one quote). A quoted field may
/// not span lines. Errors are returned as text; callers prefix "<file>:<line>: ".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::compute::selection {

/// Walks the non-blank lines of a text with their 1-based line numbers.
class CsvLines {
 public:
  explicit CsvLines(std::string_view text) : rest_(text) {}
  /// Sets the next non-blank line (without its newline) and its number; false at the end.
  bool Next(std::string_view& line, int& line_no);

 private:
  std::string_view rest_;
  int line_no_ = 0;
};

/// Splits one line (without its newline; a trailing '\r' is dropped) into fields.
/// Error text e.g. "unterminated quoted field starting at column 12".
Result<std::vector<std::string>> SplitCsvLine(std::string_view line);

/// Parses a whole decimal number ("0.268066", "1e-3", " 8 "); nullopt for anything else,
/// including "", "nan" and "inf".
std::optional<double> ParseCsvNumber(std::string_view text);

/// Column positions by header name: the header's fields, trimmed.
class CsvHeader {
 public:
  /// Error text when a name appears twice.
  static Result<CsvHeader> Create(std::vector<std::string> fields);
  /// Index of `name`, or nullopt.
  std::optional<size_t> Find(std::string_view name) const;
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
};

}  // namespace cloud_tasks::compute::selection
