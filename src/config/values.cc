#include "config/values.h"

#include "config/config.h"
#include "core/strings.h"
#include "core/yaml_scalar.h"

namespace cloud_tasks::config {

Json NormalizeValue(const KeyInfo& key, Json value) {
  if (key.type == KeyType::kInt && value.is_number_float()) return static_cast<int64_t>(value.get<double>());
  if (key.type == KeyType::kStringList && value.is_string()) value = Json::array({value});
  if (key.name == "architecture" && value.is_string()) return ToUpper(value.get<std::string>());
  if (key.name == "boot_disk_types" && value.is_array()) {
    for (auto& item : value) {
      if (item.is_string()) item = ToLower(item.get<std::string>());
    }
  }
  return value;
}

std::string FormatValue(const KeyInfo& key, const Json& value) {
  if (key.secret) return "<redacted>";
  if (value.is_string()) {
    const auto& s = value.get<std::string>();
    if (s.find_first_of("\r\n") == std::string::npos) return s;
    return Abbreviate(value.dump(), 80);
  }
  if (value.is_array()) {
    std::vector<std::string> items;
    for (const auto& item : value) items.push_back(item.is_string() ? item.get<std::string>() : item.dump());
    return "[" + Join(items, ", ") + "]";
  }
  return value.dump();
}

std::string FlagName(const KeyInfo& key) { return "--" + DashedName(key.name); }

Result<Json> ParseFlagValue(const KeyInfo& key, const std::vector<std::string>& args) {
  const std::string flag = FlagName(key);
  Json value;
  if (key.type == KeyType::kStringList) {
    value = Json::array();
    for (const auto& arg : args) {
      for (auto& piece : SplitAny(arg, ", \t")) value.push_back(std::move(piece));
    }
    if (value.empty()) return InvalidArgumentError(flag + ": needs at least one value");
  } else if (args.size() != 1) {
    return InvalidArgumentError(flag + ": takes exactly one value (got " + std::to_string(args.size()) + ")");
  } else if (key.type == KeyType::kString || key.type == KeyType::kPath) {
    value = args[0];
  } else {
    value = ResolvePlainScalar(args[0]);
    // An unquoted word that does not type keeps its text, so "(got 'abc')" reads well.
  }
  CT_RETURN_IF_ERROR(CheckValue(key, value, std::string(key.name), flag));
  return NormalizeValue(key, std::move(value));
}

const KeyInfo* PairedMax(const KeyInfo& min_key) {
  if (!StartsWith(min_key.name, "min_")) return nullptr;
  return FindKey("max_" + std::string(min_key.name.substr(4)));
}

Status CheckPair(const KeyInfo& min_key, const Placed& min, const KeyInfo& max_key, const Placed& max) {
  if (!min.value.is_number() || !max.value.is_number()) return OkStatus();
  if (min.value.get<double>() <= max.value.get<double>()) return OkStatus();
  const std::string lo = FormatValue(min_key, min.value), hi = FormatValue(max_key, max.value);
  bool same_section = min.layer == max.layer && min.layer != "CLI" && min.layer != "default";
  if (same_section) {
    return InvalidArgumentError(min.origin + ": " + min.label + " (" + lo + ") must be <= " + max.label +
                                " (" + hi + ")");
  }
  return InvalidArgumentError(min.label + " (" + lo + ", " + min.origin + ") must be <= " + max.label + " (" +
                              hi + ", " + max.origin + ")");
}

Status StartupScriptConflict(const std::string& script_origin, const std::string& file_origin) {
  return InvalidArgumentError(
      "Startup script and startup script file cannot both be provided (startup_script at " + script_origin +
      ", startup_script_file at " + file_origin + ")");
}

}  // namespace cloud_tasks::config
