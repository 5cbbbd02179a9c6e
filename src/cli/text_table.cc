#include "cli/text_table.h"

#include <algorithm>

#include "core/strings.h"

namespace cloud_tasks::cli {
namespace {

std::string Repeat(const char* piece, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += piece;
  return out;
}

std::string Pad(const std::string& s, size_t width, TextTable::Align align) {
  size_t w = DisplayWidth(s);
  std::string fill(width > w ? width - w : 0, ' ');
  return align == TextTable::Align::kRight ? fill + s : s + fill;
}

}  // namespace

size_t DisplayWidth(const std::string& s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

void TextTable::AddColumn(std::string header, Align align) {
  columns_.push_back({SplitAny(header, "\n"), align});
  if (columns_.back().header_lines.empty()) columns_.back().header_lines.push_back("");
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::Render() const {
  size_t header_height = 0;
  std::vector<size_t> width(columns_.size(), 0);
  for (size_t c = 0; c < columns_.size(); ++c) {
    header_height = std::max(header_height, columns_[c].header_lines.size());
    for (const auto& line : columns_[c].header_lines) width[c] = std::max(width[c], DisplayWidth(line));
    for (const auto& row : rows_) width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  auto rule = [&](const char* left, const char* mid, const char* right) {
    std::string line = left;
    for (size_t c = 0; c < columns_.size(); ++c) {
      line += Repeat("─", width[c] + 2);
      line += c + 1 < columns_.size() ? mid : right;
    }
    return line + "\n";
  };
  auto cells = [&](const std::vector<std::string>& values, bool header) {
    std::string line = "│";
    for (size_t c = 0; c < columns_.size(); ++c) {
      Align align = header ? Align::kLeft : columns_[c].align;
      line += " " + Pad(values[c], width[c], align) + " │";
    }
    return line + "\n";
  };
  std::string out = rule("┌", "┬", "┐");
  for (size_t h = 0; h < header_height; ++h) {
    std::vector<std::string> line;
    for (const auto& col : columns_) line.push_back(h < col.header_lines.size() ? col.header_lines[h] : "");
    out += cells(line, true);
  }
  out += rule("├", "┼", "┤");
  for (const auto& row : rows_) out += cells(row, false);
  out += rule("└", "┴", "┘");
  return out;
}

}  // namespace cloud_tasks::cli
