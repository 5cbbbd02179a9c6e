#pragma once
/// Environment variables as an injected lookup, so credential chains and endpoint
/// resolution can be tested with a made-up environment instead of the process's own.

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace cloud_tasks {

/// Value of a variable; nullopt when unset (an empty value is returned as "").
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// Reads the real process environment (getenv).
EnvLookup ProcessEnvironment();

/// Reads only the given map.
EnvLookup MapEnvironment(std::map<std::string, std::string> vars);

}  // namespace cloud_tasks
