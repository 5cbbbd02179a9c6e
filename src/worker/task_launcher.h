#pragma once
/// How one task becomes one OS process, and how its end is read. The supervisor owns
/// the scheduling; launchers own the process details (a command per task, or a fork
/// that calls a C++ function).

#include <sys/types.h>

#include <memory>
#include <string>

#include "core/json.h"
#include "core/status.h"
#include "worker/task_source.h"

namespace cloud_tasks::worker {

/// What a finished task process reported.
struct TaskOutcome {
  enum class Kind { kDone, kRetry, kException, kMemoryError, kExited };
  Kind kind = Kind::kExited;
  Json result;            ///< kDone / kRetry
  std::string exception;  ///< kException / kMemoryError, or stderr tail for kExited
  int exit_code = 0;      ///< kExited: exit status, or -signal
};

class LaunchedTask {
 public:
  virtual ~LaunchedTask() = default;
  virtual pid_t pid() const = 0;
  /// A descriptor to drain while the task runs (its stderr), or -1.
  virtual int output_fd() const { return -1; }
  /// Called when output_fd() is readable.
  virtual void OnReadable() {}
  /// Interprets the wait status after the process was reaped.
  virtual TaskOutcome Finish(int wait_status) = 0;
};

class TaskLauncher {
 public:
  virtual ~TaskLauncher() = default;
  virtual Result<std::unique_ptr<LaunchedTask>> Launch(const WorkItem& item) = 0;
};

/// Exit code in the original's convention: the status for a normal exit, -N for signal N.
int ExitCodeOf(int wait_status);

}  // namespace cloud_tasks::worker
