#pragma once
/// Where the local provider keeps a user's queues and instances when the configuration
/// does not say (`local.state_dir`): `$XDG_STATE_HOME/cloud_tasks`, else
/// `$HOME/.local/state/cloud_tasks`, else `/tmp/cloud_tasks-<uid>`.

#include <string>

namespace cloud_tasks {

std::string DefaultStateDir();

/// `<state_dir>/queues` ("" = DefaultStateDir()); instances live in
/// `<state_dir>/instances` (LocalProvider).
std::string LocalQueueDir(const std::string& state_dir);

/// Where price catalogs are cached: `$XDG_CACHE_HOME/cloud_tasks/prices`, else
/// `$HOME/.cache/cloud_tasks/prices`, else `/tmp/cloud_tasks-<uid>/prices`.
std::string DefaultPriceCacheDir();

}  // namespace cloud_tasks
