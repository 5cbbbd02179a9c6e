#include "config/derived.h"

namespace cloud_tasks::config {

std::optional<std::string> RegionFromZone(const std::string& provider, const std::string& zone) {
  if (provider == "gcp") {
    size_t dash = zone.rfind('-');
    if (dash == std::string::npos || dash == 0 || dash + 1 == zone.size()) return std::nullopt;
    return zone.substr(0, dash);
  }
  if (provider == "aws") {
    if (zone.size() < 2 || zone.back() < 'a' || zone.back() > 'z') return std::nullopt;
    return zone.substr(0, zone.size() - 1);
  }
  return std::nullopt;
}

std::string EventQueueName(const Settings& settings) {
  return settings.queue_name ? *settings.queue_name + "-events" : "";
}

int64_t VisibilityTimeoutSeconds(const Settings& settings) {
  return settings.max_runtime.value_or(3600) + 10;
}

}  // namespace cloud_tasks::config
