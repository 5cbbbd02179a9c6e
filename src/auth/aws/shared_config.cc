#include "auth/aws/shared_config.h"

#include <utility>
#include <vector>

#include "core/strings.h"

namespace cloud_tasks::auth::aws {
namespace {

std::string NonEmpty(const EnvLookup& env, const std::string& name) {
  std::optional<std::string> v = env(name);
  return v.has_value() ? *v : std::string();
}

std::string ExpandHome(const std::string& path, const EnvLookup& env) {
  if (path.empty() || path[0] != '~') return path;
  if (path.size() > 1 && path[1] != '/') return path;  // ~user is not expanded
  std::string home = NonEmpty(env, "HOME");
  if (home.empty()) return path;
  return home + path.substr(1);
}

// botocore splits "profile  name" with shlex; names with spaces are quoted. Here: the
// whitespace-separated second word, quotes removed; anything else is not a profile.
std::optional<std::string> SectionArgument(std::string_view section, std::string_view keyword) {
  if (!StartsWith(section, keyword)) return std::nullopt;
  std::string_view rest = section.substr(keyword.size());
  if (rest.empty() || (rest[0] != ' ' && rest[0] != '\t')) return std::nullopt;
  rest = Trim(rest);
  if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') && rest.back() == rest.front()) {
    return std::string(rest.substr(1, rest.size() - 2));
  }
  if (rest.empty() || rest.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
  return std::string(rest);
}

}  // namespace

SharedConfigPaths ResolveSharedConfigPaths(const EnvLookup& env) {
  SharedConfigPaths paths;
  std::string config = NonEmpty(env, "AWS_CONFIG_FILE");
  std::string creds = NonEmpty(env, "AWS_SHARED_CREDENTIALS_FILE");
  paths.config_file = ExpandHome(config.empty() ? "~/.aws/config" : config, env);
  paths.credentials_file = ExpandHome(creds.empty() ? "~/.aws/credentials" : creds, env);
  return paths;
}

ProfileChoice ChooseProfile(const std::optional<std::string>& configured, const EnvLookup& env) {
  ProfileChoice choice;
  if (configured.has_value() && !configured->empty()) {
    choice.name = *configured;
    choice.origin = "config";
    return choice;
  }
  for (const char* var : {"AWS_DEFAULT_PROFILE", "AWS_PROFILE"}) {
    std::string v = NonEmpty(env, var);
    if (!v.empty()) {
      choice.name = v;
      choice.origin = var;
      return choice;
    }
  }
  return choice;
}

Result<SharedConfig> SharedConfig::Load(const SharedConfigPaths& paths) {
  SharedConfig shared;
  shared.paths_ = paths;
  CT_ASSIGN_OR_RETURN(shared.config_, LoadIniFile(paths.config_file));
  CT_ASSIGN_OR_RETURN(shared.credentials_, LoadIniFile(paths.credentials_file));
  return shared;
}

const IniSection* SharedConfig::CredentialsFileProfile(const std::string& name) const {
  return credentials_.has_value() ? credentials_->Find(name) : nullptr;
}

const IniSection* SharedConfig::ConfigFileProfile(const std::string& name) const {
  if (!config_.has_value()) return nullptr;
  // botocore maps both [default] and [profile default] to "default"; the later one wins.
  const IniSection* found = nullptr;
  for (const IniSection& s : config_->sections) {
    if (name == "default" && s.name == "default") found = &s;
    std::optional<std::string> arg = SectionArgument(s.name, "profile");
    if (arg.has_value() && *arg == name) found = &s;
  }
  return found;
}

const IniSection* SharedConfig::ServicesSection(const std::string& name) const {
  if (!config_.has_value()) return nullptr;
  for (const IniSection& s : config_->sections) {
    std::optional<std::string> arg = SectionArgument(s.name, "services");
    if (arg.has_value() && *arg == name) return &s;
  }
  return nullptr;
}

bool SharedConfig::HasProfile(const std::string& name) const {
  return CredentialsFileProfile(name) != nullptr || ConfigFileProfile(name) != nullptr;
}

std::optional<std::string> SharedConfig::Get(const std::string& profile, const std::string& key) const {
  for (const IniSection* s : {CredentialsFileProfile(profile), ConfigFileProfile(profile)}) {
    if (s == nullptr) continue;
    std::optional<std::string> v = s->Get(key);
    if (v.has_value()) return v;
  }
  return std::nullopt;
}

Status SharedConfig::CheckProfile(const ProfileChoice& profile) const {
  if (!profile.is_explicit() || HasProfile(profile.name)) return OkStatus();
  return InvalidArgumentError("AWS profile '" + profile.name + "' (from " + profile.origin +
                              ") is not defined in " + paths_.config_file + " ([profile " +
                              profile.name + "]) nor in " + paths_.credentials_file + " ([" +
                              profile.name + "]); fix the name or add the profile");
}

}  // namespace cloud_tasks::auth::aws
