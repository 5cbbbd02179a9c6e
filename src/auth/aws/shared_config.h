#pragma once
/// The shared AWS files, ~/.aws/config and ~/.aws/credentials, as botocore reads them:
/// where they are (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), which profile is in use
/// (AWS_DEFAULT_PROFILE, then AWS_PROFILE, then "default"), and the profile's settings.
/// In the config file a profile is `[profile NAME]` (or `[default]`), in the credentials
/// file it is `[NAME]`; `[services NAME]` sections of the config file hold per-service
/// settings. A profile's merged settings are the config file's with the credentials file's
/// on top (botocore's Session.full_config).

#include <map>
#include <optional>
#include <string>

#include "auth/aws/ini_file.h"
#include "core/environment.h"
#include "core/status.h"

namespace cloud_tasks::auth::aws {

struct SharedConfigPaths {
  std::string config_file;       ///< AWS_CONFIG_FILE, else ~/.aws/config
  std::string credentials_file;  ///< AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials
};

/// Paths from the environment; a leading `~` is replaced by HOME (botocore's expanduser;
/// `$VAR` expansion is not done).
SharedConfigPaths ResolveSharedConfigPaths(const EnvLookup& env);

struct ProfileChoice {
  std::string name = "default";
  /// Where the name came from: "config", "AWS_DEFAULT_PROFILE", "AWS_PROFILE", or "" when
  /// it is the implicit "default". A named profile that does not exist is an error; a
  /// missing implicit default is not.
  std::string origin;

  bool is_explicit() const { return !origin.empty(); }
};

/// `configured` (our config or a flag) wins, then AWS_DEFAULT_PROFILE, then AWS_PROFILE
/// (botocore's order); empty values count as unset.
ProfileChoice ChooseProfile(const std::optional<std::string>& configured, const EnvLookup& env);

class SharedConfig {
 public:
  /// Reads both files; a missing file is empty, a malformed one is an error with file:line.
  static Result<SharedConfig> Load(const SharedConfigPaths& paths);

  const SharedConfigPaths& paths() const { return paths_; }

  /// The profile's section in the credentials file (`[name]`), or nullptr.
  const IniSection* CredentialsFileProfile(const std::string& name) const;
  /// The profile's section in the config file (`[profile name]`, `[default]` for
  /// "default"), or nullptr.
  const IniSection* ConfigFileProfile(const std::string& name) const;
  /// The `[services name]` section of the config file, or nullptr.
  const IniSection* ServicesSection(const std::string& name) const;

  /// Whether either file defines the profile.
  bool HasProfile(const std::string& name) const;
  /// A merged setting of the profile: credentials file first, then config file.
  std::optional<std::string> Get(const std::string& profile, const std::string& key) const;

  /// Ok if the profile can be used: it exists, or it is the implicit default. Otherwise
  /// kInvalidArgument naming the profile, where its name came from and both files.
  Status CheckProfile(const ProfileChoice& profile) const;

 private:
  SharedConfigPaths paths_;
  std::optional<IniDocument> config_;
  std::optional<IniDocument> credentials_;
};

}  // namespace cloud_tasks::auth::aws
