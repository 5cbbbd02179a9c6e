#pragma once
/// Starting a program detached from this process (the local provider's "boot"): a
/// double fork, so the program is reparented away from the caller (to init or the
/// nearest subreaper) and the caller never has a zombie to reap; setsid in the
/// grandchild, so the program leads its own session and process group and survives the
/// caller being SIGKILLed. stdin is /dev/null, stdout and stderr go to one file,
/// signal dispositions and the mask are reset, inherited descriptors are closed at exec.

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::compute::local {

struct DetachedLaunch {
  std::string program;            ///< absolute path
  std::vector<std::string> argv;  ///< argv[0] included
  std::vector<std::string> env;   ///< complete environment, "NAME=value"
  std::string cwd;
  int output_fd = -1;  ///< becomes stdout and stderr (the caller keeps and closes it)
};

/// The started program: its pid (= its session and process group id) and its
/// /proc/<pid>/stat start time.
struct LaunchedProcess {
  pid_t pid = 0;
  uint64_t start_time = 0;
};

/// Starts the program. The grandchild waits, already detached, until `before_exec`
/// (run in the caller with the new pid) returns: so a record of the process can be
/// written before the program runs. When `before_exec` fails the grandchild is killed
/// and its error returned. An exec failure is reported as an error too.
Result<LaunchedProcess> LaunchDetached(const DetachedLaunch& launch,
                                       const std::function<Status(const LaunchedProcess&)>& before_exec);

}  // namespace cloud_tasks::compute::local
