#pragma once
/// Runs any program once per task (`cloud_tasks worker -- PROGRAM ARGS...`).
///
/// The task reaches the program three ways: as JSON `{"task_id": ..., "data": ...}` on
/// stdin; in the environment as RMS_CLOUD_TASKS_TASK_ID and RMS_CLOUD_TASKS_TASK_DATA
/// (the data object as JSON); and as `{task_id}` replaced in ARGS. The program may write
/// a JSON result to the file named by RMS_CLOUD_TASKS_RESULT_FILE.
/// Exit 0 = done (result = that file's JSON, or null), exit 75 (EX_TEMPFAIL) = retry,
/// anything else = `task_exited`, with the last 4 KB of stderr in the event.

#include <optional>
#include <string>
#include <vector>

#include "worker/task_launcher.h"

namespace cloud_tasks::worker {

inline constexpr int kRetryExitCode = 75;  // EX_TEMPFAIL
inline constexpr size_t kStderrTailBytes = 4096;

struct CommandLauncherOptions {
  std::vector<std::string> command;             ///< PROGRAM ARGS...
  std::optional<uint64_t> address_space_limit;  ///< bytes, RLIMIT_AS
  std::string task_output_dir;                  ///< keep stdout/stderr per task here ("" = no)
  std::string scratch_dir;                      ///< private folder for result files
  std::vector<std::string> extra_env;           ///< "NAME=value" added for every task
};

class CommandLauncher : public TaskLauncher {
 public:
  static Result<std::unique_ptr<CommandLauncher>> Create(CommandLauncherOptions options);
  Result<std::unique_ptr<LaunchedTask>> Launch(const WorkItem& item) override;

 private:
  explicit CommandLauncher(CommandLauncherOptions options, std::string program)
      : options_(std::move(options)), program_(std::move(program)) {}
  CommandLauncherOptions options_;
  std::string program_;
  std::vector<std::string> base_env_;
  uint64_t sequence_ = 0;
};

/// `s` with every `{task_id}` replaced.
std::string ReplaceTaskId(const std::string& s, const std::string& task_id);

/// A task id made safe as a file name (anything but [A-Za-z0-9._-] becomes '_').
std::string SafeFileName(const std::string& task_id);

}  // namespace cloud_tasks::worker
