#include "cli/config_options.h"

#include "core/logging.h"
#include "core/strings.h"

namespace cloud_tasks::cli {

using config::KeyInfo;
using config::KeyType;

std::string DefaultSuffix(std::string_view default_text) {
  if (default_text.empty()) return "";
  return " (default: " + std::string(default_text) + ")";
}

void ConfigOptions::Add(CLI::App& app, std::initializer_list<config::Group> groups,
                        std::set<std::string> exclude) {
  app.add_option("--config", config_path_, "YAML configuration file (default: none)")->type_name("FILE");
  app.add_option_function<std::string>(
         "--provider", [this](const std::string& p) { cli_.provider = p; },
         "Cloud provider (default: from config, else local)")
      ->check(CLI::Validator(
          [](std::string& v) -> std::string {
            v = ToLower(v);
            if (v == "aws" || v == "gcp" || v == "local" || v == "azure") return "";
            return "must be aws, gcp or local";
          },
          "", "provider"))
      ->type_name("{aws,gcp,local}");
  cli_.values.name = "CLI";
  for (const KeyInfo& key : config::AllKeys()) {
    bool wanted = false;
    for (auto g : groups) wanted |= key.group == g;
    if (wanted && !exclude.count(std::string(key.name))) AddFlagFor(app, key);
  }
}

void ConfigOptions::AddKey(CLI::App& app, std::string_view key_name) {
  const KeyInfo* key = config::FindKey(key_name);
  if (key) AddFlagFor(app, *key);
}

void ConfigOptions::Set(const KeyInfo& key, Json value) {
  cli_.values.values[std::string(key.name)] =
      config::SourcedValue{std::move(value), "--" + config::DashedName(key.name)};
}

void ConfigOptions::AddFlagFor(CLI::App& app, const KeyInfo& key) {
  std::string flag = "--" + config::DashedName(key.name);
  std::string help = std::string(key.help) + DefaultSuffix(key.default_text);
  switch (key.type) {
    case KeyType::kBool: {
      auto* yes = app.add_flag_callback(
          flag, [this, &key] { Set(key, true); }, help);
      auto* no = app.add_flag_callback(
          "--no-" + config::DashedName(key.name), [this, &key] { Set(key, false); }, "Opposite of " + flag);
      yes->excludes(no);
      break;
    }
    case KeyType::kInt:
      app.add_option_function<int64_t>(
             flag, [this, &key](const int64_t& v) { Set(key, v); }, help)
          ->type_name("INT");
      break;
    case KeyType::kFloat:
      app.add_option_function<double>(
             flag, [this, &key](const double& v) { Set(key, v); }, help)
          ->type_name("FLOAT");
      break;
    case KeyType::kString:
    case KeyType::kPath:
      app.add_option_function<std::string>(
             flag, [this, &key](const std::string& v) { Set(key, v); }, help)
          ->type_name(key.type == KeyType::kPath ? "FILE" : "TEXT");
      break;
    case KeyType::kStringList:
      app.add_option_function<std::vector<std::string>>(
             flag,
             [this, &key](const std::vector<std::string>& args) {
               Json list = Json::array();
               for (const auto& a : args)
                 for (auto& piece : SplitAny(a, ", ")) list.push_back(piece);
               Set(key, std::move(list));
             },
             help)
          ->expected(1, -1)
          ->type_name("TEXT ...");
      break;
  }
}

Result<config::Settings> ConfigOptions::Resolve(bool read_startup_script) const {
  std::optional<config::ConfigFile> file;
  if (!config_path_.empty()) {
    CT_ASSIGN_OR_RETURN(file, config::LoadConfigFile(config_path_));
  }
  config::MergeOptions options{
      .file = file ? &*file : nullptr, .cli = cli_, .read_startup_script = read_startup_script};
  CT_ASSIGN_OR_RETURN(config::MergeResult merged, config::Merge(options));
  for (const auto& w : merged.warnings) LogWarning("{}", w);
  for (const auto& line : config::DescribeSettings(merged.settings)) LogDebug("Configuration: {}", line);
  return std::move(merged.settings);
}

}  // namespace cloud_tasks::cli
