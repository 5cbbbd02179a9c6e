#include "worker/supervisor.h"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <vector>

#include "core/logging.h"
#include "worker/notice_watcher.h"
#include "worker/signals.h"

namespace cloud_tasks::worker {

std::string WorkerStats::Summary() const {
  std::string s = fmt::format(
      "Completed: {}, Retried: {}, Timed out: {}, Exited: {}, Exceptions: {}, Memory exceeded: {}, Total: {}",
      completed, retried, timed_out, exited, exceptions, memory_exceeded, total());
  if (cut_off) s += fmt::format(", Cut off at shutdown: {}", cut_off);
  if (skipped) s += fmt::format(", Skipped: {}", skipped);
  return s;
}

struct Supervisor::Running {
  WorkItem item;
  std::unique_ptr<LaunchedTask> task;
  Clock::time_point started;
  std::optional<Clock::time_point> term_sent;
  bool timed_out = false;
  bool cut_off = false;
};

class Supervisor::Loop {
 public:
  explicit Loop(Supervisor& s) : s_(s), o_(s.options_) {}

  Result<WorkerStats> Run() {
    start_ = Clock::now();
    for (;;) {
      s_.source_.Tick();
      if (o_.on_tick) o_.on_tick();
      HandleSignals();
      HandleTerminationNotice();
      if (signals_.shutdown_requests() >= 2) return StopNow();
      // Reap before filling: a slot freed by a task that just ended is refilled in this
      // turn, not after another trip through poll (the cost per task at 2 slots).
      Reap();
      if (!stopping_ && !notice_) CT_RETURN_IF_ERROR(Fill());
      EnforceDeadlines();
      bool no_more = stopping_ || notice_ || capped_ || s_.source_.exhausted();
      if (running_.empty() && no_more) break;
      Wait(no_more || static_cast<int>(running_.size()) >= o_.slots ? 1000 : (idle_receive_ ? 1000 : 0));
    }
    stats_.interrupted = stopping_;
    stats_.termination_notice = notice_;
    return stats_;
  }

 private:
  double Seconds(Clock::duration d) const { return std::chrono::duration<double>(d).count(); }

  void HandleSignals() {
    if (signals_.shutdown_requests() >= 1 && !stopping_) {
      stopping_ = true;
      if (o_.on_shutdown) o_.on_shutdown();
      stop_deadline_ = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(o_.shutdown_grace_seconds));
      LogWarning("Shutdown requested: no new tasks; {} running task(s) get {} s to finish", running_.size(),
                 o_.shutdown_grace_seconds);
    }
  }

  // A spot notice (from the metadata server, or simulated): tell everyone, start
  // nothing new, let running tasks finish until the kill delay (if any) passes (WRK-53/54).
  void HandleTerminationNotice() {
    if (notice_) return;
    auto now = Clock::now();
    bool simulated = o_.simulate_notice_after && Seconds(now - start_) >= *o_.simulate_notice_after;
    if (!simulated && !AskMetadataServer(now)) return;
    notice_ = true;
    LogWarning("Spot termination notice{}: no new tasks; {} running task(s)", simulated ? " (simulated)" : "",
               running_.size());
    Emit(MakeEvent(o_.hostname, event_type::kSpotTermination));
    if (o_.on_termination_notice) o_.on_termination_notice();
    if (simulated && o_.simulate_kill_delay)
      notice_kill_at_ = now + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(*o_.simulate_kill_delay));
  }

  bool AskMetadataServer(Clock::time_point) {
    if (o_.notice_checker && !watcher_)
      watcher_ =
          std::make_unique<NoticeWatcher>(*o_.notice_checker, o_.notice_check_interval, &SignalWatcher::Wake);
    return watcher_ && watcher_->noticed();
  }

  Status Fill() {
    idle_receive_ = false;
    if (capped_ || s_.source_.exhausted()) return OkStatus();
    size_t free_slots = static_cast<size_t>(o_.slots) - running_.size();
    if (free_slots == 0) return OkStatus();
    auto items = s_.source_.Receive(free_slots);
    if (!items.ok()) {
      Emit(NonFatal("receiving tasks: " + items.status().message()));
      idle_receive_ = true;
      return OkStatus();
    }
    idle_receive_ = items->empty();
    for (auto& item : *items) Start(std::move(item));
    return OkStatus();
  }

  void Start(WorkItem item) {
    if (skipped_ < o_.tasks_to_skip) {
      ++skipped_;
      ++stats_.skipped;
      Release(item);
      return;
    }
    if (o_.max_num_tasks && started_ >= *o_.max_num_tasks) {
      capped_ = true;  // stop pulling; give the surplus back at once (BUG-WRK-02)
      ++stats_.skipped;
      Release(item);
      return;
    }
    ++started_;
    auto task = s_.launcher_.Launch(item);
    if (!task.ok()) {
      Json e = MakeTaskEvent(o_.hostname, event_type::kTaskExited, item.task_id, o_.retry_on_exit, 0.0);
      e["exit_code"] = 127;
      e["exception"] = task.status().message();
      Finalize(item, e, o_.retry_on_exit, &stats_.exited);
      return;
    }
    LogDebug("Started task {} (PID {})", item.task_id, (*task)->pid());
    pid_t pid = (*task)->pid();
    running_[pid] = Running{std::move(item), std::move(*task), Clock::now(), std::nullopt};
    if (o_.max_num_tasks && started_ >= *o_.max_num_tasks) capped_ = true;
  }

  void Reap() {
    for (;;) {
      int status = 0;
      pid_t pid = ::waitpid(-1, &status, WNOHANG);
      if (pid <= 0) break;
      auto it = running_.find(pid);
      if (it == running_.end()) continue;
      ::kill(-pid, SIGKILL);  // the task's leftover processes, if any
      Running r = std::move(it->second);
      running_.erase(it);
      Report(r, r.task->Finish(status));
    }
  }

  void Report(Running& r, const TaskOutcome& out) {
    double elapsed = Seconds(Clock::now() - r.started);
    const std::string& id = r.item.task_id;
    if (r.cut_off) {
      Json e = MakeTaskEvent(o_.hostname, event_type::kTaskExited, id, true, elapsed);
      e["exit_code"] = out.exit_code;
      e["exception"] = notice_ ? "killed by spot termination; released for another try"
                               : "killed at worker shutdown; released for another try";
      return Finalize(r.item, e, true, &stats_.cut_off);  // released: another worker may take it
    }
    if (r.timed_out) {
      Json e = MakeTaskEvent(o_.hostname, event_type::kTaskTimedOut, id, o_.retry_on_timeout, elapsed);
      return Finalize(r.item, e, o_.retry_on_timeout, &stats_.timed_out);
    }
    switch (out.kind) {
      case TaskOutcome::Kind::kDone:
      case TaskOutcome::Kind::kRetry: {
        bool retry = out.kind == TaskOutcome::Kind::kRetry;
        Json e = MakeTaskEvent(o_.hostname, event_type::kTaskCompleted, id, retry, elapsed);
        e["result"] = out.result;
        return Finalize(r.item, e, retry, retry ? nullptr : &stats_.completed);
      }
      case TaskOutcome::Kind::kException:
      case TaskOutcome::Kind::kMemoryError: {
        bool memory = out.kind == TaskOutcome::Kind::kMemoryError;
        bool retry = !memory && o_.retry_on_exception;
        Json e = MakeTaskEvent(o_.hostname, event_type::kTaskException, id, retry, elapsed);
        e["exception"] = out.exception;
        return Finalize(r.item, e, retry, memory ? &stats_.memory_exceeded : &stats_.exceptions);
      }
      case TaskOutcome::Kind::kExited: {
        Json e = MakeTaskEvent(o_.hostname, event_type::kTaskExited, id, o_.retry_on_exit, elapsed);
        e["exit_code"] = out.exit_code;
        if (!out.exception.empty()) e["stderr"] = out.exception;
        return Finalize(r.item, e, o_.retry_on_exit, &stats_.exited);
      }
    }
  }

  // The event is written first; only then is the task acknowledged or released. When
  // the event cannot be written the task is left to its lease: the queue delivers it
  // again later, so the manager never misses how it ended (BUG-CLI-09's worker side).
  void Finalize(const WorkItem& item, const Json& event, bool retry, int64_t* kind_counter) {
    bool recorded = Emit(event);
    if (kind_counter) ++*kind_counter;
    ++(retry ? stats_.retried : stats_.not_retried);
    if (!recorded) {
      LogError(
          "Task {}: its event was not recorded, so it is neither acknowledged nor released; the queue "
          "will deliver it again when its lease ends",
          item.task_id);
      s_.source_.Abandon(item);
      return;
    }
    if (retry) {
      Release(item);
    } else {
      Status st = s_.source_.Acknowledge(item);
      if (!st.ok()) Emit(NonFatal("acknowledging task " + item.task_id + ": " + st.message()));
    }
  }

  void Release(const WorkItem& item) {
    Status st = s_.source_.Release(item);
    if (!st.ok()) Emit(NonFatal("releasing task " + item.task_id + ": " + st.message()));
  }

  Json NonFatal(const std::string& text) {
    Json e = MakeEvent(o_.hostname, event_type::kNonFatalException);
    e["exception"] = text;
    return e;
  }

  bool Emit(const Json& event) {
    Status st = s_.events_.Emit(event);
    if (!st.ok()) LogError("cannot record event: {}", st.message());
    return st.ok();
  }

  void EnforceDeadlines() {
    auto now = Clock::now();
    bool past_grace = (stopping_ && now >= stop_deadline_) || (notice_kill_at_ && now >= *notice_kill_at_);
    for (auto& [pid, r] : running_) {
      if (!r.term_sent) {
        bool over = Seconds(now - r.started) > o_.max_runtime_seconds;
        if (!over && !past_grace) continue;
        r.timed_out = over && !past_grace;
        r.cut_off = !r.timed_out;
        r.term_sent = now;
        ::kill(-pid, SIGTERM);
        if (r.timed_out)
          LogWarning("Task {} exceeded max runtime {} s: terminating", r.item.task_id,
                     o_.max_runtime_seconds);
      } else if (Seconds(now - *r.term_sent) > o_.kill_grace_seconds) {
        ::kill(-pid, SIGKILL);
      }
    }
  }

  Result<WorkerStats> StopNow() {
    LogWarning("Second shutdown signal: killing {} running task(s) now", running_.size());
    for (auto& [pid, r] : running_) {
      r.cut_off = true;
      ::kill(-pid, SIGKILL);
    }
    while (!running_.empty()) {
      int status = 0;
      pid_t pid = ::waitpid(-1, &status, 0);
      if (pid < 0 && errno != EINTR) break;
      auto it = running_.find(pid);
      if (it == running_.end()) continue;
      Running r = std::move(it->second);
      running_.erase(it);
      Report(r, r.task->Finish(status));
    }
    stats_.interrupted = true;
    return stats_;
  }

  void Wait(int max_ms) {
    poll_fds_.clear();  // members, reused: no allocation per turn
    poll_owners_.clear();
    poll_fds_.push_back({signals_.fd(), POLLIN, 0});
    for (auto& [pid, r] : running_)
      if (r.task->output_fd() >= 0) {
        poll_fds_.push_back({r.task->output_fd(), POLLIN, 0});
        poll_owners_.push_back(r.task.get());
      }
    int timeout = std::min(max_ms, running_.empty() ? max_ms : 100);
    int n = ::poll(poll_fds_.data(), poll_fds_.size(), timeout);
    if (n < 0 && errno == EINTR) {
      // A signal (usually SIGCHLD) interrupted the wait; its handler also wrote to the
      // signal pipe. Empty it now, or the next poll would return at once for it.
      signals_.Drain();
      return;
    }
    if (n <= 0) return;
    if (poll_fds_[0].revents) signals_.Drain();
    for (size_t i = 1; i < poll_fds_.size(); ++i)
      if (poll_fds_[i].revents) poll_owners_[i - 1]->OnReadable();
  }

  Supervisor& s_;
  const SupervisorOptions& o_;
  SignalWatcher signals_;
  std::map<pid_t, Running> running_;
  WorkerStats stats_;
  int64_t skipped_ = 0;
  int64_t started_ = 0;
  bool capped_ = false;
  bool stopping_ = false;
  bool notice_ = false;
  Clock::time_point start_;
  std::unique_ptr<NoticeWatcher> watcher_;  // after signals_: stopped before the pipe goes
  std::optional<Clock::time_point> notice_kill_at_;
  bool idle_receive_ = false;
  Clock::time_point stop_deadline_;
  std::vector<pollfd> poll_fds_;
  std::vector<LaunchedTask*> poll_owners_;
};

Result<WorkerStats> Supervisor::Run() {
  Loop loop(*this);
  return loop.Run();
}

}  // namespace cloud_tasks::worker
