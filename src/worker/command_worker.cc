#include "worker/command_worker.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "core/logging.h"
#include "worker/command_launcher.h"
#include "worker/spot_notice.h"

namespace cloud_tasks::worker {
namespace {

// A private scratch folder for result files, removed when the worker ends.
class ScratchDir {
 public:
  static Result<ScratchDir> Create() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/cloud_tasks_worker.XXXXXX";
    if (!::mkdtemp(pattern.data())) return ErrnoError("cannot create a scratch folder in " + pattern, errno);
    return ScratchDir(pattern);
  }
  ScratchDir(ScratchDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit ScratchDir(std::string p) : path_(std::move(p)) {}
  std::string path_;
};

}  // namespace

SupervisorOptions SupervisorOptionsFrom(const WorkerSettings& s) {
  SupervisorOptions o;
  o.slots = static_cast<int>(s.num_simultaneous_tasks.value_or(1));
  o.max_runtime_seconds = static_cast<double>(s.max_runtime.value_or(3600));
  o.shutdown_grace_seconds = s.shutdown_grace_period.value_or(30);
  o.tasks_to_skip = s.tasks_to_skip.value_or(0);
  o.max_num_tasks = s.max_num_tasks;
  o.retry_on_exit = s.retry_on_exit.value_or(false);
  o.retry_on_exception = s.retry_on_exception.value_or(false);
  o.retry_on_timeout = s.retry_on_timeout.value_or(false);
  o.hostname = Hostname();
  o.simulate_notice_after = s.simulate_spot_termination_after;
  o.simulate_kill_delay = s.simulate_spot_termination_delay;
  return o;
}

Result<WorkerStats> RunCommandWorker(const CommandWorkerOptions& options) {
  const WorkerSettings& s = options.settings;
  CT_ASSIGN_OR_RETURN(ScratchDir scratch, ScratchDir::Create());
  if (!options.task_output_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.task_output_dir, ec);
    if (ec)
      return IoError("cannot create --task-output-dir '" + options.task_output_dir + "': " + ec.message());
  }
  CommandLauncherOptions lo{.command = options.command,
                            .address_space_limit = std::nullopt,
                            .task_output_dir = options.task_output_dir,
                            .scratch_dir = scratch.path(),
                            .extra_env = {}};
  if (s.max_memory_allowed_per_task)
    lo.address_space_limit = static_cast<uint64_t>(*s.max_memory_allowed_per_task * 1024.0 * 1024.0 * 1024.0);
  CT_ASSIGN_OR_RETURN(auto launcher, CommandLauncher::Create(std::move(lo)));
  return RunTasks(s, *launcher, nullptr);
}

Result<WorkerStats> RunTasks(const WorkerSettings& s, TaskLauncher& launcher,
                             std::unique_ptr<TaskSource> source, SharedFlags* flags) {
  if (!source) {
    if (!s.task_file)
      return UnimplementedError("tasks from a queue (provider '" + s.provider.value_or("") +
                                "') are not built yet in this version; give --task-file");
    CT_ASSIGN_OR_RETURN(source, OpenFileTaskSource(*s.task_file));
  }
  std::unique_ptr<EventSink> events;
  if (s.event_log_to_file.value_or(true)) {
    CT_ASSIGN_OR_RETURN(events, EventLogFile::Open(*s.event_log_file));
  } else {
    struct Discard : EventSink {
      Status Emit(const Json&) override { return OkStatus(); }
    };
    events = std::make_unique<Discard>();
  }
  SupervisorOptions options = SupervisorOptionsFrom(s);
  std::unique_ptr<SpotNoticeChecker> checker;
  if (s.is_spot.value_or(false) && s.provider) checker = MakeSpotNoticeChecker(*s.provider, GetEnv);
  options.notice_checker = checker.get();
  if (flags) {
    options.on_shutdown = [flags] { flags->SetShutdownRequested(); };
    options.on_termination_notice = [flags] { flags->SetTerminationNotice(); };
  }
  Supervisor supervisor(std::move(options), *source, launcher, *events);
  return supervisor.Run();
}

}  // namespace cloud_tasks::worker
