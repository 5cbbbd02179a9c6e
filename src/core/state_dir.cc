#include "core/state_dir.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

namespace cloud_tasks {

std::string DefaultStateDir() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state && *state == '/') return std::string(state) + "/cloud_tasks";
  const char* home = std::getenv("HOME");
  if (home && *home == '/') return std::string(home) + "/.local/state/cloud_tasks";
  return fmt::format("/tmp/cloud_tasks-{}", ::getuid());
}

std::string LocalQueueDir(const std::string& state_dir) {
  return (state_dir.empty() ? DefaultStateDir() : state_dir) + "/queues";
}

std::string DefaultPriceCacheDir() {
  const char* cache = std::getenv("XDG_CACHE_HOME");
  if (cache && *cache == '/') return std::string(cache) + "/cloud_tasks/prices";
  const char* home = std::getenv("HOME");
  if (home && *home == '/') return std::string(home) + "/.cache/cloud_tasks/prices";
  return fmt::format("/tmp/cloud_tasks-{}/prices", ::getuid());
}

}  // namespace cloud_tasks
