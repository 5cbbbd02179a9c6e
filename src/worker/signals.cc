#include "worker/signals.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

namespace cloud_tasks::worker {
namespace {

int g_pipe[2] = {-1, -1};
volatile sig_atomic_t g_shutdowns = 0;
volatile sig_atomic_t g_last_signal = 0;
struct sigaction g_old_int, g_old_term, g_old_chld;

void OnSignal(int sig) {
  int saved = errno;
  if (sig == SIGINT || sig == SIGTERM) {
    g_shutdowns = g_shutdowns + 1;
    g_last_signal = sig;
  }
  char byte = 0;
  ssize_t ignored = ::write(g_pipe[1], &byte, 1);
  (void)ignored;
  errno = saved;
}

}  // namespace

SignalWatcher::SignalWatcher() {
  if (g_pipe[0] < 0) ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK);
  g_shutdowns = 0;
  g_last_signal = 0;
  struct sigaction sa = {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  ::sigaction(SIGINT, &sa, &g_old_int);
  ::sigaction(SIGTERM, &sa, &g_old_term);
  sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  ::sigaction(SIGCHLD, &sa, &g_old_chld);
}

SignalWatcher::~SignalWatcher() {
  ::sigaction(SIGINT, &g_old_int, nullptr);
  ::sigaction(SIGTERM, &g_old_term, nullptr);
  ::sigaction(SIGCHLD, &g_old_chld, nullptr);
}

int SignalWatcher::fd() const { return g_pipe[0]; }

void SignalWatcher::Wake() {
  char byte = 0;
  ssize_t ignored = ::write(g_pipe[1], &byte, 1);
  (void)ignored;
}

void SignalWatcher::Drain() {
  char buf[64];
  // A short read means the pipe is empty: no second read just to see EAGAIN.
  while (::read(g_pipe[0], buf, sizeof buf) == static_cast<ssize_t>(sizeof buf)) {
  }
}

int SignalWatcher::shutdown_requests() const { return g_shutdowns; }
int SignalWatcher::last_signal() const { return g_last_signal; }

}  // namespace cloud_tasks::worker
