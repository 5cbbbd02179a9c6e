#pragma once
/// The worker's scheduling loop: keeps up to N task processes running, enforces the
/// time limit (SIGTERM to the task's process group, SIGKILL after a grace), turns each
/// ending into exactly one event, acknowledges or releases the task only after its event
/// is written (a task whose event cannot be written is abandoned to its lease), and shuts down on
/// SIGINT/SIGTERM (a grace period for running tasks, then they are killed, reported and released; a second
/// signal stops at once).

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/status.h"
#include "worker/events.h"
#include "worker/spot_notice.h"
#include "worker/task_launcher.h"
#include "worker/task_source.h"

namespace cloud_tasks::worker {

struct SupervisorOptions {
  int slots = 1;
  double max_runtime_seconds = 3600;
  double kill_grace_seconds = 5;  ///< SIGTERM → SIGKILL
  double shutdown_grace_seconds = 30;
  int64_t tasks_to_skip = 0;
  std::optional<int64_t> max_num_tasks;
  bool retry_on_exit = false;
  bool retry_on_exception = false;
  bool retry_on_timeout = false;
  std::string hostname;
  /// Called once when a shutdown signal arrives (e.g. to tell running tasks).
  std::function<void()> on_shutdown;
  /// Pretend a spot termination notice arrives this many seconds after start; then,
  /// if set, kill what still runs `simulate_kill_delay` seconds later (WRK-53).
  std::optional<double> simulate_notice_after;
  std::optional<double> simulate_kill_delay;
  /// Called once when a termination notice (real or simulated) arrives.
  std::function<void()> on_termination_notice;
  /// Asks the metadata server for a spot notice every `notice_check_interval` seconds
  /// (nullptr: not a spot instance, nothing to ask). Not owned.
  SpotNoticeChecker* notice_checker = nullptr;
  double notice_check_interval = 5;
  /// Called on every turn of the loop (at least once a second), e.g. for keep-alives.
  std::function<void()> on_tick;
};

struct WorkerStats {
  // Each task ending counts once in `retried` or `not_retried` (they add up to the
  // total), and once under its kind (except a completion that asked for a retry).
  int64_t retried = 0;
  int64_t not_retried = 0;
  int64_t completed = 0;  ///< task_completed without retry
  int64_t timed_out = 0;
  int64_t exited = 0;
  int64_t exceptions = 0;
  int64_t memory_exceeded = 0;
  int64_t cut_off = 0;              ///< killed at shutdown (reported and released)
  int64_t skipped = 0;              ///< released unstarted (--tasks-to-skip / --max-num-tasks)
  bool interrupted = false;         ///< stopped by SIGINT/SIGTERM
  bool termination_notice = false;  ///< stopped by a spot termination notice

  int64_t total() const { return retried + not_retried; }
  /// "Completed: 10, Retried: 0, Timed out: 0, Exited: 0, Exceptions: 0, Memory exceeded: 0, Total: 10"
  /// (plus cut-off and skipped counts when not zero).
  std::string Summary() const;
};

class Supervisor {
 public:
  Supervisor(SupervisorOptions options, TaskSource& source, TaskLauncher& launcher, EventSink& events)
      : options_(std::move(options)), source_(source), launcher_(launcher), events_(events) {}

  /// Runs until the source is exhausted (or the cap is reached) and every task ended,
  /// or until a shutdown signal has been handled.
  Result<WorkerStats> Run();

 private:
  using Clock = std::chrono::steady_clock;
  struct Running;
  class Loop;

  SupervisorOptions options_;
  TaskSource& source_;
  TaskLauncher& launcher_;
  EventSink& events_;
};

}  // namespace cloud_tasks::worker
