#include "core/yaml_scalar.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace cloud_tasks {
namespace {

bool OneOf(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (s == w) return true;
  return false;
}

bool IsNull(std::string_view s) { return s.empty() || OneOf(s, {"~", "null", "Null", "NULL"}); }

int BoolValue(std::string_view s) {  // -1 not a bool
  if (OneOf(s, {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"})) return 1;
  if (OneOf(s, {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"})) return 0;
  return -1;
}

// PyYAML does not treat bare y/n as booleans in practice for keys like task ids; keep
// them strings to avoid surprises.
bool IsBoolWord(std::string_view s) {
  return BoolValue(s) >= 0 && s != "y" && s != "Y" && s != "n" && s != "N";
}

bool ParseInt(std::string_view s, Json& out) {
  std::string digits;
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  int base = 10;
  if (s.substr(i, 2) == "0x" || s.substr(i, 2) == "0X")
    base = 16, i += 2;
  else if (s.substr(i, 2) == "0o")
    base = 8, i += 2;
  else if (s.substr(i, 2) == "0b")
    base = 2, i += 2;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') continue;
    bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                         : (c >= '0' && c < static_cast<char>('0' + base));
    if (!ok) return false;
    digits += c;
  }
  if (digits.empty()) return false;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(digits.c_str(), &end, base);
  if (errno == ERANGE || *end != '\0') return false;
  if (negative) {
    if (v > static_cast<unsigned long long>(std::numeric_limits<int64_t>::max()) + 1) return false;
    out = v == 0 ? int64_t{0} : static_cast<int64_t>(-static_cast<int64_t>(v - 1) - 1);
  } else if (v > static_cast<unsigned long long>(std::numeric_limits<int64_t>::max())) {
    out = static_cast<uint64_t>(v);
  } else {
    out = static_cast<int64_t>(v);
  }
  return true;
}

bool ParseFloat(std::string_view s, Json& out) {
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (OneOf(body, {".inf", ".Inf", ".INF"})) {
    out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  // [-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?  or digits with an exponent.
  std::string clean;
  bool digit = false, dot = false, exp = false;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c >= '0' && c <= '9') {
      digit = true;
      clean += c;
    } else if (c == '_' && !exp) {
      continue;
    } else if (c == '.' && !dot && !exp) {
      dot = true;
      clean += c;
    } else if ((c == 'e' || c == 'E') && digit && !exp) {
      exp = true;
      clean += c;
      if (i + 1 < body.size() && (body[i + 1] == '+' || body[i + 1] == '-')) clean += body[++i];
      if (i + 1 >= body.size()) return false;
    } else {
      return false;
    }
  }
  if (!digit || (!dot && !exp)) return false;
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(clean.c_str(), &end);
  if (*end != '\0') return false;
  out = negative ? -v : v;
  return true;
}

}  // namespace

Json ResolvePlainScalar(std::string_view text) {
  if (IsNull(text)) return Json(nullptr);
  if (IsBoolWord(text)) return Json(BoolValue(text) == 1);
  Json number;
  if (ParseInt(text, number)) return number;
  if (ParseFloat(text, number)) return number;
  return Json(std::string(text));
}

bool ResolveTaggedScalar(std::string_view tag, std::string_view text, Json& out) {
  constexpr std::string_view kPrefix = "tag:yaml.org,2002:";
  if (tag.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view kind = tag.substr(kPrefix.size());
  if (kind == "str") {
    out = std::string(text);
    return true;
  }
  if (kind == "null") {
    out = nullptr;
    return IsNull(text);
  }
  if (kind == "bool") {
    int b = BoolValue(text);
    out = b == 1;
    return b >= 0;
  }
  if (kind == "int") return ParseInt(text, out);
  if (kind == "float") return ParseFloat(text, out) || ParseInt(text, out);
  return false;
}

}  // namespace cloud_tasks
