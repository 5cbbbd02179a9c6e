#pragma once
/// Runs a C++ task handler in a forked process per task. The child applies the memory
/// limit, calls the handler, and sends one JSON message back through a pipe:
/// {"kind": "done"|"retry"|"exception"|"memory", "result": ..., "exception": "..."}.
/// A child that dies without a message is reported as `task_exited`.

#include <cloud_tasks/worker.h>

#include <optional>

#include "worker/task_launcher.h"

namespace cloud_tasks::worker {

struct FunctionLauncherOptions {
  TaskFunction handler;
  WorkerContext* context = nullptr;             ///< passed to the handler in the child
  std::optional<uint64_t> address_space_limit;  ///< bytes, RLIMIT_AS in the child
};

class FunctionLauncher : public TaskLauncher {
 public:
  explicit FunctionLauncher(FunctionLauncherOptions options) : options_(std::move(options)) {}
  Result<std::unique_ptr<LaunchedTask>> Launch(const WorkItem& item) override;

 private:
  FunctionLauncherOptions options_;
};

}  // namespace cloud_tasks::worker
