// Merge: command line > selected provider section > run section > defaults (2.3, 2.4).
#include <algorithm>

#include "config/config.h"
#include "config/derived.h"
#include "config/layers.h"
#include "config/values.h"
#include "core/files.h"
#include "core/strings.h"
#include "core/yaml_scalar.h"

namespace cloud_tasks::config {
namespace {

constexpr char kCli[] = "CLI";
constexpr char kDefault[] = "default";

size_t IndexOf(const KeyInfo& key) { return static_cast<size_t>(&key - AllKeys().data()); }

class Merger {
 public:
  explicit Merger(const MergeOptions& options) : options_(options) {}
  Result<MergeResult> Run();

 private:
  Status SelectProvider();
  struct Item {
    const KeyInfo* key;
    const SourcedValue* sourced;
  };
  /// The layer's set values in table order; unknown and doubled keys are errors.
  Result<std::vector<Item>> Collect(const Layer& layer, const std::string& layer_name) const;
  Status ApplyLayer(const Layer& layer, const std::string& layer_name);
  Status CheckLayerKey(const KeyInfo& key, const std::string& layer, const std::string& origin) const;
  void Place(const KeyInfo& key, Placed placed);
  void ApplyDefaults();
  Status DeriveRegion();
  Status CheckMergedPairs() const;
  Settings Fill() const;
  Status ReadStartupScript(Settings& settings) const;
  const Placed* Get(std::string_view name) const {
    auto it = merged_.find(std::string(name));
    return it == merged_.end() ? nullptr : &it->second;
  }

  const MergeOptions& options_;
  std::string provider_;
  std::map<std::string, Placed> merged_;
  std::vector<std::string> warnings_;
};

Result<MergeResult> Merger::Run() {
  CT_RETURN_IF_ERROR(SelectProvider());
  if (const ConfigFile* file = options_.file) {
    CT_RETURN_IF_ERROR(ApplyLayer(file->run, "run"));
    auto section = file->providers.find(provider_);
    if (section != file->providers.end()) CT_RETURN_IF_ERROR(ApplyLayer(section->second, provider_));
  }
  CT_RETURN_IF_ERROR(ApplyLayer(options_.cli.values, kCli));
  ApplyDefaults();
  CT_RETURN_IF_ERROR(DeriveRegion());
  CT_RETURN_IF_ERROR(CheckMergedPairs());
  MergeResult result{Fill(), std::move(warnings_)};
  CT_RETURN_IF_ERROR(ReadStartupScript(result.settings));
  return result;
}

Status Merger::SelectProvider() {
  std::string origin;
  const SourcedValue* in_file =
      options_.file && options_.file->provider ? &*options_.file->provider : nullptr;
  if (options_.cli.provider) {
    provider_ = ToLower(*options_.cli.provider);
    origin = "--provider";
    if (in_file && in_file->value.is_string() && in_file->value.get<std::string>() != provider_) {
      warnings_.push_back("overriding provider=" + in_file->value.get<std::string>() +
                          " with CLI --provider=" + provider_);
    }
  } else if (in_file && in_file->value.is_string()) {
    provider_ = ToLower(in_file->value.get<std::string>());
    origin = in_file->origin + ": provider";
  } else {
    provider_ = "local";  // the embedded default
  }
  if (provider_ == "aws" || provider_ == "gcp" || provider_ == "local") return OkStatus();
  if (provider_ == "azure") {
    return InvalidArgumentError(origin + ": Provider 'azure' is not supported (supported: aws, gcp, local)");
  }
  std::string guess = ClosestMatch(provider_, {"aws", "gcp", "local"});
  return InvalidArgumentError(origin + ": unknown provider '" + provider_ + "'" +
                              (guess.empty() ? "" : "; did you mean '" + guess + "'?") +
                              " (supported: aws, gcp, local)");
}

Status Merger::CheckLayerKey(const KeyInfo& key, const std::string& layer, const std::string& origin) const {
  const bool cli = layer == kCli;
  unsigned allowed = layer == "run" ? kRun : SectionBit(cli ? provider_ : layer);
  if (key.where & allowed) return OkStatus();
  if (cli) {
    return InvalidArgumentError(origin + " is not valid for provider " + provider_ +
                                " (it applies to: " + ProvidersFor(key) + ")");
  }
  const std::string name(key.name);
  return InvalidArgumentError(origin + ": " + layer + "." + name + ": " + name + " belongs in " +
                              SectionsFor(key) + ", not in " + layer + ":");
}

Result<std::vector<Merger::Item>> Merger::Collect(const Layer& layer, const std::string& layer_name) const {
  std::vector<Item> items;
  for (const auto& [name, sourced] : layer.values) {
    const KeyInfo* key = FindKey(name);
    if (key == nullptr && layer_name == kCli)
      return InvalidArgumentError("unknown command-line setting '" + name + "'");
    if (key == nullptr)
      return InvalidArgumentError(sourced.origin + ": " + layer_name + "." + name + ": unknown key");
    if (!sourced.value.is_null()) items.push_back({key, &sourced});  // null = not given
  }
  // Table order, so the first error reported does not depend on map order or spelling.
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return IndexOf(*a.key) < IndexOf(*b.key); });
  for (size_t i = 1; i < items.size(); ++i) {
    if (items[i].key == items[i - 1].key) {
      return InvalidArgumentError(items[i].sourced->origin + ": " + std::string(items[i].key->name) +
                                  ": given twice (also at " + items[i - 1].sourced->origin + ")");
    }
  }
  return items;
}

Status Merger::ApplyLayer(const Layer& layer, const std::string& layer_name) {
  const bool cli = layer_name == kCli;
  CT_ASSIGN_OR_RETURN(std::vector<Item> items, Collect(layer, layer_name));
  std::vector<std::pair<const KeyInfo*, Placed>> placed;
  for (const Item& item : items) {
    const KeyInfo& key = *item.key;
    std::string origin = item.sourced->origin.empty() ? FlagName(key) : item.sourced->origin;
    CT_RETURN_IF_ERROR(CheckLayerKey(key, layer_name, origin));
    std::string label = cli ? std::string(key.name) : layer_name + "." + std::string(key.name);
    CT_RETURN_IF_ERROR(CheckValue(key, item.sourced->value, label, origin));
    placed.emplace_back(&key, Placed{NormalizeValue(key, item.sourced->value), origin, label, layer_name});
  }
  const Placed* script = nullptr;
  const Placed* script_file = nullptr;
  for (const auto& [key, value] : placed) {
    if (key->name == "startup_script") script = &value;
    if (key->name == "startup_script_file") script_file = &value;
  }
  if (script && script_file) return StartupScriptConflict(script->origin, script_file->origin);
  for (auto& [key, value] : placed) Place(*key, std::move(value));
  return OkStatus();
}

// Message prefix for one value: "config.yml:3:5: gcp.zone: " or "--zone: ".
std::string Where(const Placed& placed) {
  bool flag = placed.layer == kCli || placed.layer == kDefault;
  return placed.origin + ": " + (flag ? "" : placed.label + ": ");
}

// "gcp.max_instances=8 (config.yml:9:18)" or "CLI --max-instances=3".
std::string Describe(const KeyInfo& key, const Placed& placed, bool with_origin) {
  if (placed.layer == kCli) return "CLI " + placed.origin + "=" + FormatValue(key, placed.value);
  std::string text = placed.label + "=" + FormatValue(key, placed.value);
  return with_origin ? text + " (" + placed.origin + ")" : text;
}

void Merger::Place(const KeyInfo& key, Placed placed) {
  const std::string name(key.name);
  auto it = merged_.find(name);
  if (it != merged_.end() && it->second.value != placed.value) {
    warnings_.push_back("overriding " + Describe(key, it->second, false) + " with " +
                        Describe(key, placed, true));
  }
  // A script of one kind replaces a lower-precedence script of the other kind (BUG-CFG-06).
  std::string other = name == "startup_script"        ? "startup_script_file"
                      : name == "startup_script_file" ? "startup_script"
                                                      : "";
  if (auto lower = other.empty() ? merged_.end() : merged_.find(other); lower != merged_.end()) {
    warnings_.push_back("overriding " + Describe(*FindKey(other), lower->second, false) + " with " +
                        Describe(key, placed, true));
    merged_.erase(lower);
  }
  merged_[name] = std::move(placed);
}

void Merger::ApplyDefaults() {
  const Placed* job_id = Get("job_id");
  for (const KeyInfo& key : AllKeys()) {
    const std::string name(key.name);
    if (merged_.count(name) || key.default_text.empty()) continue;
    if ((key.where & SectionBit(provider_)) == 0) continue;
    Json value;
    if (name == "queue_name" || name == "db_file") {
      if (job_id == nullptr) continue;
      value = job_id->value.get<std::string>() + (name == "db_file" ? ".db" : "");
    } else if (key.type == KeyType::kBool) {
      continue;  // false defaults stay unset (tri-state): consumers read unset as false
    } else if (key.type == KeyType::kString || key.type == KeyType::kPath) {
      value = std::string(key.default_text);
    } else {
      value = ResolvePlainScalar(key.default_text);
    }
    merged_[name] = Placed{NormalizeValue(key, std::move(value)), kDefault, name, kDefault};
  }
}

Status Merger::DeriveRegion() {
  const Placed* zone = Get("zone");
  if (zone == nullptr || (provider_ != "aws" && provider_ != "gcp")) return OkStatus();
  const std::string zone_name = zone->value.get<std::string>();
  std::optional<std::string> derived = RegionFromZone(provider_, zone_name);
  if (!derived) {
    return InvalidArgumentError(Where(*zone) + "'" + zone_name + "' is not a " + provider_ +
                                " zone name (expected e.g. " +
                                (provider_ == "gcp" ? "us-central1-a" : "us-west-2a") + ")");
  }
  const Placed* region = Get("region");
  if (region == nullptr) {
    merged_["region"] = Placed{*derived, "derived from " + zone->label, "region", kDefault};
    return OkStatus();
  }
  if (region->value.get<std::string>() == *derived) return OkStatus();
  return InvalidArgumentError(zone->label + " '" + zone_name + "' (" + zone->origin + ") is not in " +
                              region->label + " '" + region->value.get<std::string>() + "' (" +
                              region->origin + "); its region is '" + *derived + "'");
}

Status Merger::CheckMergedPairs() const {
  for (const KeyInfo& min_key : AllKeys()) {
    const KeyInfo* max_key = PairedMax(min_key);
    if (max_key == nullptr) continue;
    const Placed* min = Get(min_key.name);
    const Placed* max = Get(max_key->name);
    if (min && max) CT_RETURN_IF_ERROR(CheckPair(min_key, *min, *max_key, *max));
  }
  return OkStatus();
}

Settings Merger::Fill() const {
  Settings settings;
  settings.provider = provider_;
#define CT_FILL_SETTING(name, kind, ...)                                 \
  if (const Placed* placed = Get(#name)) {                               \
    settings.name = placed->value.get<CppTypeOf<KeyType::kind>::type>(); \
  }
  CT_CONFIG_KEYS(CT_FILL_SETTING)
#undef CT_FILL_SETTING
  return settings;
}

Status Merger::ReadStartupScript(Settings& settings) const {
  if (!options_.read_startup_script || !settings.startup_script_file) return OkStatus();
  const Placed* placed = Get("startup_script_file");
  const std::string& path = *settings.startup_script_file;
  const std::string where = Where(*placed);
  if (path.find("://") != std::string::npos) {
    return InvalidArgumentError(where + "cannot read startup script '" + path +
                                "': cloud URLs are not supported; copy the file locally and give its path");
  }
  auto text = ReadFileToString(path);
  if (!text.ok())
    return InvalidArgumentError(where + "cannot read startup script: " + text.status().message());
  settings.startup_script = std::move(*text);
  return OkStatus();
}

}  // namespace

Result<MergeResult> Merge(const MergeOptions& options) {
  Merger merger(options);
  return merger.Run();
}

}  // namespace cloud_tasks::config
