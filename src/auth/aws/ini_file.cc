#include "auth/aws/ini_file.h"

#include <sys/stat.h>

#include <set>
#include <utility>

#include "core/files.h"
#include "core/strings.h"

namespace cloud_tasks::auth::aws {
namespace {

struct Parser {
  explicit Parser(const std::string& p) : path(p) {}

  const std::string& path;
  IniDocument doc;
  IniSection defaults;
  IniSection* section = nullptr;  // current section (maybe &defaults)
  std::vector<std::string> value_lines;
  std::string option;  // current key, "" when none
  size_t indent_level = 0;
  std::set<std::string> seen_sections;

  Status Error(int line, const std::string& what) const {
    return InvalidArgumentError(path + ":" + std::to_string(line) + ": " + what);
  }

  // Joins the lines of the current value like configparser (trailing blank lines dropped)
  // and parses a nested block.
  Status FinishValue() {
    if (section == nullptr || option.empty()) return OkStatus();
    IniValue& v = section->values[option];
    std::string joined = Join(value_lines, "\n");
    joined.erase(joined.find_last_not_of(" \t\r\n\f\v") + 1);
    v.text = joined;
    if (!v.text.empty() && v.text[0] == '\n') {
      for (std::string_view rest : SplitAny(v.text, "\n")) {
        std::string_view item = Trim(rest);
        if (item.empty()) continue;
        size_t eq = item.find('=');
        if (eq == std::string_view::npos) {
          return Error(v.line, "nested value of '" + option + "' has a line without '='");
        }
        v.nested[std::string(Trim(item.substr(0, eq)))] = std::string(Trim(item.substr(eq + 1)));
      }
    }
    option.clear();
    value_lines.clear();
    return OkStatus();
  }

  Status Header(std::string_view name, int line) {
    CT_RETURN_IF_ERROR(FinishValue());
    std::string sect(name);
    if (!seen_sections.insert(sect).second) {
      return Error(line, "section [" + sect + "] appears twice");
    }
    if (sect == "DEFAULT") {
      section = &defaults;
    } else {
      doc.sections.push_back(IniSection{});
      section = &doc.sections.back();
      section->name = sect;
      section->line = line;
    }
    return OkStatus();
  }

  Status Option(std::string_view value, int line) {
    CT_RETURN_IF_ERROR(FinishValue());
    size_t delim = value.find_first_of("=:");
    if (delim == std::string_view::npos) {
      return Error(line, "expected 'key = value', a [section] header or a comment");
    }
    std::string key = ToLower(Trim(value.substr(0, delim)));
    if (key.empty()) return Error(line, "a value without a key");
    if (section->values.count(key) != 0) {
      return Error(line, "key '" + key + "' appears twice in section [" + section->name + "]");
    }
    section->values[key].line = line;
    option = key;
    value_lines.assign(1, std::string(Trim(value.substr(delim + 1))));
    return OkStatus();
  }

  Status Line(std::string_view raw, int line) {
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string_view value = Trim(raw);
    bool comment = !value.empty() && (value[0] == '#' || value[0] == ';');
    if (value.empty() || comment) {
      // configparser keeps blank lines inside a multi-line value, but not comment lines.
      if (!comment && !option.empty()) value_lines.emplace_back();
      return OkStatus();
    }
    size_t indent = raw.find_first_not_of(" \t\f\v");
    if (section != nullptr && !option.empty() && indent > indent_level) {
      value_lines.emplace_back(value);
      return OkStatus();
    }
    indent_level = indent;
    // configparser's `\[(?P<header>.+)\]` is matched at the start only: text after the
    // last `]` (say, "; comment") is ignored.
    size_t close = value.rfind(']');
    if (value.front() == '[' && close != std::string_view::npos && close >= 2) {
      return Header(value.substr(1, close - 1), line);
    }
    if (section == nullptr) return Error(line, "a key before the first [section] header");
    return Option(value, line);
  }

  void ApplyDefaults() {
    for (IniSection& s : doc.sections) {
      for (const auto& [k, v] : defaults.values) s.values.emplace(k, v);
    }
  }
};

}  // namespace

std::optional<std::string> IniSection::Get(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end()) return std::nullopt;
  return it->second.text;
}

const IniSection* IniDocument::Find(std::string_view name) const {
  for (const IniSection& s : sections) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Result<IniDocument> ParseIni(std::string_view text, const std::string& path) {
  Parser p(path);
  p.doc.path = path;
  // Sections live in a vector that grows; reserve so `section` pointers stay valid.
  size_t headers = 0;
  for (char c : text) headers += (c == '[');
  p.doc.sections.reserve(headers + 1);
  int line = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    CT_RETURN_IF_ERROR(p.Line(text.substr(start, end - start), ++line));
    start = end + 1;
  }
  CT_RETURN_IF_ERROR(p.FinishValue());
  p.ApplyDefaults();
  return std::move(p.doc);
}

Result<std::optional<IniDocument>> LoadIniFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return std::optional<IniDocument>();  // botocore: os.path.isfile() false → ConfigNotFound
  }
  CT_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  CT_ASSIGN_OR_RETURN(IniDocument doc, ParseIni(text, path));
  return std::optional<IniDocument>(std::move(doc));
}

}  // namespace cloud_tasks::auth::aws
