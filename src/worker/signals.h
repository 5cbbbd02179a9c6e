#pragma once
/// Wakes the worker's poll loop on SIGCHLD, SIGINT and SIGTERM through a self-pipe and
/// counts shutdown requests (the first asks for a graceful stop, the second for an
/// immediate one).

namespace cloud_tasks::worker {

class SignalWatcher {
 public:
  /// Installs the handlers (once per process); restores the previous ones on destruction.
  SignalWatcher();
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  /// Readable when a signal arrived (or Wake was called); call Drain() after poll
  /// reports it.
  int fd() const;
  /// Makes fd() readable from any thread, to wake the loop that polls it.
  static void Wake();
  void Drain();
  /// Number of SIGINT/SIGTERM received so far.
  int shutdown_requests() const;
  /// The last shutdown signal number (SIGINT or SIGTERM), 0 if none.
  int last_signal() const;
};

}  // namespace cloud_tasks::worker
