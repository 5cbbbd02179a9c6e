#include "worker/command_worker.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "core/logging.h"
#include "queue/factory/queue_factory.h"
#include "worker/command_launcher.h"
#include "worker/event_sinks.h"
#include "worker/instance_identity.h"
#include "worker/keepalive.h"
#include "worker/queue_task_source.h"
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

namespace {

// Everything a worker talks to besides its tasks: the source, the event sinks and the
// keep-alive sender, with the queue service they come from.
struct Plumbing {
  std::unique_ptr<queue::QueueService> queues;
  std::unique_ptr<TaskSource> source;
  std::unique_ptr<EventSink> events;
  std::unique_ptr<EventSink> event_queue;  // keep-alives go here only (WRK-62)
  std::unique_ptr<InstanceIdentity> identity;
  std::unique_ptr<KeepAliveSender> keepalive;
};

Status OpenQueues(const WorkerSettings& s, Plumbing& p) {
  CT_ASSIGN_OR_RETURN(p.queues, queue::OpenQueueService({.provider = s.provider.value_or(""),
                                                         .local_directory = s.local_queue_dir.value_or("")}));
  return OkStatus();
}

// A queue worker never creates queues (BUG-WRK-07): a missing one is an error naming it.
Result<std::unique_ptr<queue::TaskQueue>> OpenExisting(queue::QueueService& queues, const std::string& name,
                                                       const char* role) {
  auto q = queues.Open(name);
  if (!q.ok() && q.status().code() == ErrorCode::kNotFound)
    return NotFoundError(
        fmt::format("the {} '{}' does not exist; the manager creates it (cloud_tasks run or "
                    "load_queue), workers never do",
                    role, name));
  return q;
}

Status OpenSource(const WorkerSettings& s, Plumbing& p) {
  if (s.task_file) {
    CT_ASSIGN_OR_RETURN(p.source, OpenFileTaskSource(*s.task_file));
    return OkStatus();
  }
  CT_ASSIGN_OR_RETURN(auto q, OpenExisting(*p.queues, *s.queue_name, "task queue"));
  // The lease covers the whole allowed runtime and the kill grace; it is renewed while
  // the task runs when the queue's maximum is shorter.
  auto wanted = std::chrono::seconds(s.max_runtime.value_or(3600) + 15);
  auto lease = std::min(wanted, queue::MaxLease(*s.provider));
  p.source = std::make_unique<QueueTaskSource>(std::move(q), QueueTaskSourceOptions{.lease = lease});
  return OkStatus();
}

Status OpenSinks(const WorkerSettings& s, Plumbing& p) {
  std::vector<std::unique_ptr<EventSink>> sinks;
  if (s.event_log_to_file.value_or(true)) {
    CT_ASSIGN_OR_RETURN(auto file, EventLogFile::Open(*s.event_log_file));
    sinks.push_back(std::move(file));
  }
  if (s.event_log_to_queue.value_or(false)) {
    std::string name = queue::EventQueueName(*s.queue_name);
    CT_ASSIGN_OR_RETURN(auto q, OpenExisting(*p.queues, name, "event queue"));
    p.event_queue = std::make_unique<QueueEventSink>(std::move(q));
    if (s.keepalive_interval.value_or(60) > 0) {
      p.identity = std::make_unique<InstanceIdentity>(*s.provider, GetEnv, Hostname());
      p.keepalive = std::make_unique<KeepAliveSender>(
          *p.event_queue, [id = p.identity.get()] { return id->Get(); }, Hostname(),
          std::chrono::duration<double>(*s.keepalive_interval));
    }
    struct Borrowed : EventSink {  // the tee shares the queue sink with the keep-alives
      explicit Borrowed(EventSink& e) : target(e) {}
      Status Emit(const Json& event) override { return target.Emit(event); }
      EventSink& target;
    };
    sinks.push_back(std::make_unique<Borrowed>(*p.event_queue));
  }
  if (sinks.empty()) {
    p.events = std::make_unique<DiscardEventSink>();
  } else if (sinks.size() == 1) {
    p.events = std::move(sinks[0]);
  } else {
    p.events = std::make_unique<TeeEventSink>(std::move(sinks));
  }
  return OkStatus();
}

}  // namespace

Result<WorkerStats> RunTasks(const WorkerSettings& s, TaskLauncher& launcher,
                             std::unique_ptr<TaskSource> source, SharedFlags* flags) {
  Plumbing p;
  p.source = std::move(source);
  if ((!p.source && !s.task_file) || s.event_log_to_queue.value_or(false))
    CT_RETURN_IF_ERROR(OpenQueues(s, p));
  if (!p.source) CT_RETURN_IF_ERROR(OpenSource(s, p));
  CT_RETURN_IF_ERROR(OpenSinks(s, p));
  SupervisorOptions options = SupervisorOptionsFrom(s);
  std::unique_ptr<SpotNoticeChecker> checker;
  if (s.is_spot.value_or(false) && s.provider) checker = MakeSpotNoticeChecker(*s.provider, GetEnv);
  options.notice_checker = checker.get();
  if (flags) {
    options.on_shutdown = [flags] { flags->SetShutdownRequested(); };
    options.on_termination_notice = [flags] { flags->SetTerminationNotice(); };
  }
  if (p.keepalive) options.on_tick = [k = p.keepalive.get()] { k->Tick(); };
  Supervisor supervisor(std::move(options), *p.source, launcher, *p.events);
  return supervisor.Run();
}

}  // namespace cloud_tasks::worker
