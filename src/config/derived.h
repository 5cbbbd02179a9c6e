#pragma once
/// Values derived from the settings (seed inventory 2.4).

#include <cstdint>
#include <optional>
#include <string>

#include "config/keys.h"

namespace cloud_tasks::config {

/// CFG-31: the region a zone belongs to. gcp strips the last "-x" segment
/// ("us-central1-a" → "us-central1"); aws drops the final letter ("us-west-2a" →
/// "us-west-2"). nullopt when the zone does not have that shape or the provider has no
/// zones.
std::optional<std::string> RegionFromZone(const std::string& provider, const std::string& zone);

/// CFG-30: "<queue_name>-events" (queue_name defaults to job_id in Merge). "" when no
/// queue name is set.
std::string EventQueueName(const Settings& settings);

/// CFG-33: the task queue's visibility timeout, max_runtime + 10 seconds.
int64_t VisibilityTimeoutSeconds(const Settings& settings);

}  // namespace cloud_tasks::config
