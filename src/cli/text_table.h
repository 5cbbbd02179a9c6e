#pragma once
/// A single-border table for terminals (the original's prettytable SINGLE_BORDER look):
///   ┌──────┬──────┐
///   │ Name │ vCPU │
///   ├──────┼──────┤
///   │ a    │    2 │
///   └──────┴──────┘
/// A header may span several lines ("Mem\n(GB)"); widths count UTF-8 code points.

#include <string>
#include <vector>

namespace cloud_tasks::cli {

class TextTable {
 public:
  enum class Align { kLeft, kRight };

  /// Adds a column; all columns are added before the first row.
  void AddColumn(std::string header, Align align = Align::kLeft);
  /// Adds a row with one cell per column (missing cells are empty).
  void AddRow(std::vector<std::string> cells);
  size_t rows() const { return rows_.size(); }

  /// The whole table, each line ending in '\n'.
  std::string Render() const;

 private:
  struct Column {
    std::vector<std::string> header_lines;
    Align align;
  };
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

/// Display width of a UTF-8 string in code points.
size_t DisplayWidth(const std::string& s);

}  // namespace cloud_tasks::cli
