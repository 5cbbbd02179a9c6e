#pragma once
/// The project's JSON value type (nlohmann::json, ordered so events keep the
/// original's key order: timestamp, hostname, event_type, ...).

#include <nlohmann/json.hpp>

namespace cloud_tasks {
using Json = nlohmann::ordered_json;
}  // namespace cloud_tasks
