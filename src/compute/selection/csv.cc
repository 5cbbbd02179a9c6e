#include "compute/selection/csv.h"

#include <charconv>
#include <cmath>

#include "core/strings.h"

namespace cloud_tasks::compute::selection {

bool CsvLines::Next(std::string_view& line, int& line_no) {
  while (!rest_.empty()) {
    size_t nl = rest_.find('\n');
    line = rest_.substr(0, nl);
    rest_ = nl == std::string_view::npos ? std::string_view() : rest_.substr(nl + 1);
    line_no = ++line_no_;
    if (!Trim(line).empty()) return true;
  }
  return false;
}

Result<std::vector<std::string>> SplitCsvLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> fields(1);
  size_t i = 0;
  while (i < line.size()) {
    char ch = line[i];
    if (ch == ',') {
      fields.emplace_back();
      ++i;
    } else if (ch == '"' && Trim(fields.back()).empty()) {
      size_t start = i;
      fields.back().clear();
      for (++i;; ++i) {
        if (i >= line.size()) {
          return InvalidArgumentError("unterminated quoted field starting at column " +
                                      std::to_string(start + 1) + " (a quoted field may not span lines)");
        }
        if (line[i] != '"') {
          fields.back() += line[i];
        } else if (i + 1 < line.size() && line[i + 1] == '"') {
          fields.back() += '"';
          ++i;
        } else {
          break;
        }
      }
      ++i;  // closing quote
      while (i < line.size() && line[i] == ' ') ++i;
      if (i < line.size() && line[i] != ',') {
        return InvalidArgumentError("unexpected text after the closing quote at column " +
                                    std::to_string(i + 1));
      }
    } else {
      fields.back() += ch;
      ++i;
    }
  }
  return fields;
}

std::optional<double> ParseCsvNumber(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

Result<CsvHeader> CsvHeader::Create(std::vector<std::string> fields) {
  CsvHeader h;
  for (std::string& f : fields) {
    std::string name(Trim(f));
    if (h.Find(name)) return InvalidArgumentError("column '" + name + "' appears twice in the header");
    h.names_.push_back(std::move(name));
  }
  return h;
}

std::optional<size_t> CsvHeader::Find(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return i;
  }
  return std::nullopt;
}

}  // namespace cloud_tasks::compute::selection
