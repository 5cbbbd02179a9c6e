#pragma once
/// Runs a C++ task handler in a forked process per task. The child applies the memory
/// limit, calls the handler, and posts one message to a shared-memory mailbox
/// (result_mailbox.h): how it ended (done, retry, exception, memory) and the result's
/// JSON text or the exception message. The worker reads it after reaping the child, so
/// a task wakes the worker once (SIGCHLD). A child that dies without a message is
/// reported as `task_exited`.

#include <cloud_tasks/worker.h>

#include <memory>
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
  explicit FunctionLauncher(FunctionLauncherOptions options);
  ~FunctionLauncher() override;
  Result<std::unique_ptr<LaunchedTask>> Launch(const WorkItem& item) override;

  struct MailboxPool;

 private:
  FunctionLauncherOptions options_;
  std::shared_ptr<MailboxPool> pool_;  // shared with the running tasks, which give theirs back
};

}  // namespace cloud_tasks::worker
