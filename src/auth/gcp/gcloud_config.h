#pragma once
/// Where the Cloud SDK (gcloud) keeps its configuration, read from an injected
/// environment, as google-auth's _cloud_sdk module finds it:
///   config dir   $CLOUDSDK_CONFIG, else $HOME/.config/gcloud
///   ADC file     <config dir>/application_default_credentials.json
/// and gcloud's active project. google-auth runs `gcloud config get project`; we read the
/// files that command reads instead (no subprocess, works without gcloud installed):
///   $CLOUDSDK_CORE_PROJECT, else `project` in section [core] of
///   <config dir>/configurations/config_<name>, where <name> is $CLOUDSDK_ACTIVE_CONFIG_NAME,
///   else the content of <config dir>/active_config, else "default".

#include <optional>
#include <string>

#include "core/environment.h"

namespace cloud_tasks::auth::gcp {

/// nullopt when neither CLOUDSDK_CONFIG nor HOME is set.
std::optional<std::string> GcloudConfigDir(const EnvLookup& env);

/// nullopt when the config dir is unknown.
std::optional<std::string> GcloudAdcFilePath(const EnvLookup& env);

/// The active configuration's project; nullopt when none is set or the files are absent.
std::optional<std::string> GcloudProject(const EnvLookup& env);

}  // namespace cloud_tasks::auth::gcp
