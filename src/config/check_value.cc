// CheckValue: one value against its key's type, bound and key-specific rules.
#include <re2/re2.h>

#include <cmath>
#include <limits>

#include "config/config.h"
#include "core/strings.h"

namespace cloud_tasks::config {
namespace {

// What a rejected value looked like, for "(got ...)". A secret's value is never shown.
std::string Got(const KeyInfo& key, const Json& value) {
  if (value.is_null()) return "nothing";
  if (value.is_array()) return "a list";
  if (value.is_object()) return "a mapping";
  if (key.secret) {
    if (value.is_string()) return "a string";
    return value.is_boolean() ? "a boolean" : "a number";
  }
  if (value.is_string()) {  // built with append: GCC 12 -O3 reports a false -Wrestrict for `"'" + s`
    std::string quoted = "'";
    quoted += Abbreviate(value.get<std::string>(), 60);
    quoted += '\'';
    return quoted;
  }
  return value.dump();
}

bool IsIntegral(const Json& value) {
  if (value.is_number_integer()) {
    return !value.is_number_unsigned() ||
           value.get<uint64_t>() <= uint64_t{std::numeric_limits<int64_t>::max()};
  }
  if (!value.is_number_float()) return false;
  double d = value.get<double>();
  // 2.0 is accepted as 2 (as pydantic did); 2.5 is not.
  return std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.2e18;
}

std::string StringRule(const KeyInfo& key, const Json& value) {
  if (value.is_string()) return "";
  std::string rule = "must be a string (got " + Got(key, value) + ")";
  if ((value.is_number() || value.is_boolean()) && !key.secret) {
    rule += "; put it in quotes (\"" + value.dump() + "\") to use it as text";
  }
  return rule;
}

std::string ListRule(const KeyInfo& key, const Json& value) {
  if (value.is_string()) return value.get<std::string>().empty() ? "must not be empty" : "";
  if (!value.is_array()) return "must be a string or a list of strings (got " + Got(key, value) + ")";
  for (size_t i = 0; i < value.size(); ++i) {
    std::string item = "item " + std::to_string(i + 1) + " ";
    if (!value[i].is_string()) return item + StringRule(key, value[i]);
    if (value[i].get<std::string>().empty()) return item + "must not be empty";
  }
  return "";
}

// "" when the JSON type is acceptable for the key.
std::string TypeRule(const KeyInfo& key, const Json& value) {
  switch (key.type) {
    case KeyType::kInt:
      if (IsIntegral(value)) return "";
      if (value.is_number_unsigned()) return "is out of range (got " + Got(key, value) + ")";
      return "must be an integer (got " + Got(key, value) + ")";
    case KeyType::kFloat:
      if (value.is_number() && std::isfinite(value.get<double>())) return "";
      return (value.is_number() ? "must be a finite number (got " : "must be a number (got ") +
             Got(key, value) + ")";
    case KeyType::kBool:
      return value.is_boolean() ? "" : "must be true or false (got " + Got(key, value) + ")";
    case KeyType::kString:
    case KeyType::kPath:
      return StringRule(key, value);
    case KeyType::kStringList:
      return ListRule(key, value);
  }
  return "has an unknown type";
}

std::string BoundRule(const KeyInfo& key, const Json& value) {
  if (!value.is_number()) return "";
  double v = value.get<double>();
  if (key.bound == Bound::kNonNegative && v < 0) return "must be >= 0 (got " + Got(key, value) + ")";
  if (key.bound == Bound::kPositive && v <= 0) return "must be > 0 (got " + Got(key, value) + ")";
  return "";
}

bool IsJobName(const std::string& s) {
  if (s.empty() || s.size() > 24 || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::string PatternRule(const Json& value) {
  std::vector<std::string> patterns;
  if (value.is_string())
    patterns.push_back(value.get<std::string>());
  else
    patterns = value.get<std::vector<std::string>>();
  RE2::Options options;
  options.set_log_errors(false);
  for (const auto& pattern : patterns) {
    RE2 re(pattern, options);
    if (!re.ok()) return "invalid regular expression '" + pattern + "': " + re.error();
  }
  return "";
}

// Rules for particular keys, after the type check passed.
std::string KeyRule(const KeyInfo& key, const Json& value) {
  const std::string_view name = key.name;
  if (name == "job_id" || name == "queue_name") {
    if (IsJobName(value.get<std::string>())) return "";
    return "must be 1-24 characters: a lowercase letter, then lowercase letters, digits or '-' (got " +
           Got(key, value) + ")";
  }
  if (name == "architecture") {
    std::string arch = ToUpper(value.get<std::string>());
    return arch == "X86_64" || arch == "ARM64"
               ? ""
               : "must be X86_64 or ARM64, in any case (got " + Got(key, value) + ")";
  }
  if (name == "cpu_family" || name == "region" || name == "zone" || key.type == KeyType::kPath) {
    return Trim(value.get<std::string>()).empty() ? "must not be empty" : "";
  }
  if (name == "instance_types") return PatternRule(value);
  return "";
}

}  // namespace

Status CheckValue(const KeyInfo& key, const Json& value, const std::string& path, const std::string& origin) {
  std::string rule = TypeRule(key, value);
  if (rule.empty()) rule = BoundRule(key, value);
  if (rule.empty()) rule = KeyRule(key, value);
  if (rule.empty()) return OkStatus();
  // A flag already names the key: "--max-cpu: must be > 0 (got 0)".
  bool flag = StartsWith(origin, "-");
  std::string where = origin.empty() ? "" : origin + ": ";
  if (!flag && !path.empty()) where += path + ": ";
  return InvalidArgumentError(where + rule);
}

}  // namespace cloud_tasks::config
