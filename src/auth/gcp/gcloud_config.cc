#include "auth/gcp/gcloud_config.h"

#include <fstream>
#include <sstream>

#include "core/strings.h"

namespace cloud_tasks::auth::gcp {
namespace {

std::optional<std::string> NonEmpty(const EnvLookup& env, const std::string& name) {
  std::optional<std::string> v = env(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

// `key` of [section] in an INI file (gcloud's property files), trimmed.
std::optional<std::string> IniValue(const std::string& path, const std::string& section,
                                    const std::string& key) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::string current;
  for (std::string raw; std::getline(in, raw);) {
    std::string_view line = Trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      current = std::string(Trim(line.substr(1, line.size() - 2)));
      continue;
    }
    size_t eq = line.find('=');
    if (current != section || eq == std::string_view::npos) continue;
    if (Trim(line.substr(0, eq)) == key) {
      std::string value(Trim(line.substr(eq + 1)));
      if (value.empty()) return std::nullopt;
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> GcloudConfigDir(const EnvLookup& env) {
  if (auto dir = NonEmpty(env, "CLOUDSDK_CONFIG")) return dir;
  if (auto home = NonEmpty(env, "HOME")) return *home + "/.config/gcloud";
  return std::nullopt;
}

std::optional<std::string> GcloudAdcFilePath(const EnvLookup& env) {
  std::optional<std::string> dir = GcloudConfigDir(env);
  if (!dir) return std::nullopt;
  return *dir + "/application_default_credentials.json";
}

std::optional<std::string> GcloudProject(const EnvLookup& env) {
  if (auto project = NonEmpty(env, "CLOUDSDK_CORE_PROJECT")) return project;
  std::optional<std::string> dir = GcloudConfigDir(env);
  if (!dir) return std::nullopt;
  std::string name = NonEmpty(env, "CLOUDSDK_ACTIVE_CONFIG_NAME").value_or("");
  if (name.empty()) {
    std::ifstream in(*dir + "/active_config");
    std::stringstream content;
    content << in.rdbuf();
    name = std::string(Trim(content.str()));
  }
  if (name.empty()) name = "default";
  return IniValue(*dir + "/configurations/config_" + name, "core", "project");
}

}  // namespace cloud_tasks::auth::gcp
