#pragma once
/// The INI dialect of the shared AWS files (~/.aws/config, ~/.aws/credentials), parsed the
/// way botocore does it (Python configparser.RawConfigParser, strict mode, plus botocore's
/// one level of nested sub-sections):
/// - full-line comments start with `#` or `;` (also indented); there are no inline comments
///   (`key = a # b` has the value "a # b");
/// - `key = value` or `key: value`, split at the first `=` or `:`; keys are lower-cased,
///   section names are kept as written; values are trimmed;
/// - a line indented deeper than its key continues the value (joined with "\n");
///   a value that starts with a line break ("s3 =" followed by indented `k = v` lines) is
///   also parsed as a nested map;
/// - `[DEFAULT]` values apply to every section that does not set them;
/// - a key before any section, a line that is neither, a duplicate section or a duplicate
///   key in one section is an error "<path>:<line>: ...". Messages never quote the line
///   (it may hold a secret key).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::auth::aws {

struct IniValue {
  std::string text;                           ///< the value as configparser returns it
  std::map<std::string, std::string> nested;  ///< sub-section (text starts with "\n")
  int line = 0;                               ///< line of the key
};

struct IniSection {
  std::string name;  ///< as written between the brackets
  int line = 0;
  std::map<std::string, IniValue> values;  ///< keys lower-cased

  /// The value of `key` (lower-case), if set.
  std::optional<std::string> Get(const std::string& key) const;
};

struct IniDocument {
  std::string path;                  ///< for messages
  std::vector<IniSection> sections;  ///< in file order, `[DEFAULT]` excluded

  /// The section named exactly `name`, or nullptr.
  const IniSection* Find(std::string_view name) const;
};

/// Parses `text`; `path` only names the file in error messages.
Result<IniDocument> ParseIni(std::string_view text, const std::string& path);

/// Reads and parses `path`; nullopt when the file does not exist (not an error: the SDKs
/// skip missing shared files).
Result<std::optional<IniDocument>> LoadIniFile(const std::string& path);

}  // namespace cloud_tasks::auth::aws
