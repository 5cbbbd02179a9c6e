// LoadConfigFile: YAML file -> checked, normalised layers (seed inventory 2.1, 2.2).
#include <algorithm>
#include <filesystem>

#include "config/config.h"
#include "config/layers.h"
#include "config/values.h"
#include "config/yaml_tree.h"
#include "core/files.h"
#include "core/strings.h"

namespace cloud_tasks::config {
namespace {

const std::vector<std::string> kTopLevel = {"provider", "run", "aws", "gcp", "local", "azure"};

// A YAML node as plain JSON (mappings by key text); marks are dropped.
Json ToJson(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kScalar:
      return node.scalar;
    case YamlNode::Kind::kSequence: {
      Json out = Json::array();
      for (const auto& item : node.items) out.push_back(ToJson(item));
      return out;
    }
    case YamlNode::Kind::kMapping: {
      Json out = Json::object();
      for (const auto& entry : node.entries) out[entry.key] = ToJson(entry.value);
      return out;
    }
  }
  return nullptr;
}

const char* KindName(const YamlNode& node) {
  if (node.kind == YamlNode::Kind::kSequence) return "a list";
  if (node.kind == YamlNode::Kind::kMapping) return "a mapping";
  return node.scalar.is_string() ? "a string" : "a single value";
}

bool IsUrl(const std::string& path) { return path.find("://") != std::string::npos; }

class Loader {
 public:
  explicit Loader(const std::string& path) {
    file_.path = path;
    file_.run.name = "run";
  }
  Result<ConfigFile> Load(const YamlNode& root);

 private:
  Status Error(const Mark& mark, const std::string& message) const {
    return InvalidArgumentError(FormatMark(file_.path, mark) + ": " + message);
  }
  Status LoadProvider(const YamlNode::Entry& entry);
  Status LoadSection(const YamlNode::Entry& entry, Layer& layer);
  Status LoadKey(const YamlNode::Entry& entry, unsigned section_bit, Layer& layer);
  Status UnknownKey(const YamlNode::Entry& entry, unsigned section_bit, const std::string& section) const;

  ConfigFile file_;
};

Result<ConfigFile> Loader::Load(const YamlNode& root) {
  if (root.IsNull()) return file_;
  if (root.kind != YamlNode::Kind::kMapping) {
    return Error(root.mark,
                 std::string("Configuration file must contain a YAML mapping (provider:, run:, aws:, ...), "
                             "not ") +
                     KindName(root));
  }
  for (const auto& entry : root.entries) {
    if (entry.key == "provider") {
      CT_RETURN_IF_ERROR(LoadProvider(entry));
    } else if (entry.key == "run") {
      CT_RETURN_IF_ERROR(LoadSection(entry, file_.run));
    } else if (SectionBit(entry.key) != 0) {
      CT_RETURN_IF_ERROR(LoadSection(entry, file_.providers[entry.key]));
    } else {
      std::string guess = ClosestMatch(entry.key, kTopLevel);
      return Error(entry.key_mark, "unknown top-level key '" + entry.key + "'" +
                                       (guess.empty() ? "" : "; did you mean '" + guess + "'?") +
                                       " (allowed: " + Join(kTopLevel, ", ") + ")");
    }
  }
  return file_;
}

Status Loader::LoadProvider(const YamlNode::Entry& entry) {
  const YamlNode& value = entry.value;
  if (value.IsNull()) return OkStatus();
  if (!value.scalar.is_string() || value.kind != YamlNode::Kind::kScalar) {
    return Error(value.mark,
                 "provider: must be one of aws, gcp, local (got " + std::string(KindName(value)) + ")");
  }
  std::string name = ToLower(value.scalar.get<std::string>());
  if (SectionBit(name) == 0) {
    std::string guess = ClosestMatch(name, {"aws", "gcp", "local"});
    return Error(value.mark, "provider: unknown provider '" + value.scalar.get<std::string>() + "'" +
                                 (guess.empty() ? "" : "; did you mean '" + guess + "'?") +
                                 " (supported: aws, gcp, local)");
  }
  file_.provider = SourcedValue{name, FormatMark(file_.path, value.mark)};
  return OkStatus();
}

Status Loader::LoadSection(const YamlNode::Entry& entry, Layer& layer) {
  layer.name = entry.key;
  const YamlNode& section = entry.value;
  if (section.IsNull()) return OkStatus();
  if (section.kind != YamlNode::Kind::kMapping) {
    return Error(section.mark,
                 entry.key + ": must be a mapping of settings (key: value), not " + KindName(section));
  }
  unsigned bit = entry.key == "run" ? kRun : SectionBit(entry.key);
  for (const auto& key_entry : section.entries) CT_RETURN_IF_ERROR(LoadKey(key_entry, bit, layer));
  CT_RETURN_IF_ERROR(CheckLayerPairs(layer));
  auto script = layer.values.find("startup_script"), script_file = layer.values.find("startup_script_file");
  if (script != layer.values.end() && script_file != layer.values.end()) {
    return StartupScriptConflict(script->second.origin, script_file->second.origin);
  }
  return OkStatus();
}

Status Loader::UnknownKey(const YamlNode::Entry& entry, unsigned section_bit,
                          const std::string& section) const {
  std::string path = section + "." + entry.key;
  const KeyInfo* key = FindKey(entry.key);
  if (key == nullptr) {
    std::vector<std::string> candidates;
    for (const auto& k : AllKeys()) {
      if (k.where & section_bit) candidates.emplace_back(k.name);
    }
    std::string underscored = entry.key;
    std::replace(underscored.begin(), underscored.end(), '-', '_');
    std::string guess = ClosestMatch(underscored, candidates);
    if (!guess.empty()) return Error(entry.key_mark, path + ": unknown key; did you mean '" + guess + "'?");
    std::vector<std::string> everywhere;
    for (const auto& k : AllKeys()) everywhere.emplace_back(k.name);
    guess = ClosestMatch(underscored, everywhere);
    if (guess.empty()) return Error(entry.key_mark, path + ": unknown key");
    return Error(entry.key_mark, path + ": unknown key; did you mean '" + guess + "'? (it belongs in " +
                                     SectionsFor(*FindKey(guess)) + ")");
  }
  return Error(entry.key_mark, path + ": " + std::string(key->name) + " belongs in " + SectionsFor(*key) +
                                   ", not in " + section + ":");
}

Status Loader::LoadKey(const YamlNode::Entry& entry, unsigned section_bit, Layer& layer) {
  const KeyInfo* key = FindKey(entry.key);
  if (key == nullptr || (key->where & section_bit) == 0) return UnknownKey(entry, section_bit, layer.name);
  std::string name(key->name);
  std::string path = layer.name + "." + name;
  auto previous = layer.values.find(name);
  if (previous != layer.values.end()) {
    return Error(entry.key_mark, path + ": given twice (first at " + previous->second.origin + ")");
  }
  if (entry.value.IsNull()) return OkStatus();  // `key:` with no value leaves the key unset
  std::string origin = FormatMark(file_.path, entry.value.mark);
  Json value = ToJson(entry.value);
  CT_RETURN_IF_ERROR(CheckValue(*key, value, path, origin));
  value = NormalizeValue(*key, std::move(value));
  if ((name == "startup_script_file" || name == "state_dir") && !IsUrl(value.get<std::string>())) {
    // CFG-10: relative to the config file's folder (state_dir likewise).
    std::filesystem::path folder = std::filesystem::path(file_.path).parent_path();
    std::filesystem::path script = value.get<std::string>();
    if (script.is_relative() && !folder.empty()) value = (folder / script).lexically_normal().string();
  }
  layer.values[name] = SourcedValue{std::move(value), origin};
  return OkStatus();
}

}  // namespace

Result<ConfigFile> LoadConfigFile(const std::string& path) {
  if (!FileExists(path)) return NotFoundError("Configuration file not found: " + path);
  auto text = ReadFileToString(path);
  if (!text.ok()) return text.status().WithContext("cannot read configuration file");
  CT_ASSIGN_OR_RETURN(YamlNode root, ParseYaml(*text, path));
  Loader loader(path);
  return loader.Load(root);
}

}  // namespace cloud_tasks::config
