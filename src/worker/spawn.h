#pragma once
/// Starting one task process: vfork + exec (cheap even for a large parent), in its own
/// process group (so a timeout kills the task's whole tree), with an optional
/// address-space limit (RLIMIT_AS) set in the child before exec.

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::worker {

struct SpawnRequest {
  std::string program;                          ///< path as found by FindProgram
  std::vector<std::string> argv;                ///< argv[0] included
  std::vector<std::string> env;                 ///< complete environment, "NAME=value"
  int stdin_fd = -1;                            ///< -1: /dev/null
  int stdout_fd = -1;                           ///< -1: inherit
  int stderr_fd = -1;                           ///< -1: inherit
  std::optional<uint64_t> address_space_limit;  ///< bytes
};

/// Starts the process; returns its pid (also its process group id). An exec failure
/// (missing program, no permission) is reported here, not as a task exit.
Result<pid_t> Spawn(const SpawnRequest& request);

/// Resolves `name` through PATH (names with a '/' are checked as given).
Result<std::string> FindProgram(const std::string& name);

/// The current environment as "NAME=value" strings.
std::vector<std::string> CurrentEnvironment();

}  // namespace cloud_tasks::worker
