#include "compute/local/detached_launch.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "compute/local/session.h"

namespace cloud_tasks::compute::local {
namespace {

// What the grandchild reports over the socket: its pid, then an errno if a step failed.
struct Message {
  int32_t pid;
  int32_t error;
};

// Everything the children need, prepared before fork: after fork only
// async-signal-safe calls are allowed (the caller may have threads).
struct ChildPlan {
  const char* program;
  char* const* argv;
  char* const* envp;
  const char* cwd;
  int output_fd;
  int socket_fd;
};

void Report(int fd, int32_t error) {
  Message m{static_cast<int32_t>(::getpid()), error};
  ssize_t ignored = ::send(fd, &m, sizeof m, MSG_NOSIGNAL);
  (void)ignored;
}

[[noreturn]] void RunGrandchild(const ChildPlan& plan) {
  ::setsid();
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::signal(sig, SIG_DFL);
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  int in = ::open("/dev/null", O_RDONLY);
  if (in < 0 || ::dup2(in, 0) < 0 || ::dup2(plan.output_fd, 1) < 0 || ::dup2(plan.output_fd, 2) < 0 ||
      ::chdir(plan.cwd) != 0) {
    Report(plan.socket_fd, errno);
    ::_exit(127);
  }
  // Descriptors the caller left inheritable (its pipes, sockets) must not leak into
  // the instance: they would keep the caller's readers waiting for EOF.
  ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  Report(plan.socket_fd, 0);
  char go = 0;
  ssize_t n;
  do n = ::recv(plan.socket_fd, &go, 1, 0);
  while (n < 0 && errno == EINTR);
  if (n != 1 || go != 'g') ::_exit(126);  // the caller gave up (or died): do not run
  ::execve(plan.program, plan.argv, plan.envp);
  Report(plan.socket_fd, errno);
  ::_exit(127);
}

std::vector<char*> CStrings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (const auto& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// Reads one message; false on EOF or error.
bool ReadMessage(int fd, Message* m) {
  size_t got = 0;
  while (got < sizeof *m) {
    ssize_t n = ::recv(fd, reinterpret_cast<char*>(m) + got, sizeof *m - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<size_t>(n);
  }
  return true;
}

// Forks the intermediate child, which forks the grandchild and exits at once.
Result<pid_t> ForkTwice(const ChildPlan& plan, int parent_end) {
  pid_t child = ::fork();
  if (child < 0) return ErrnoError("cannot fork", errno);
  if (child == 0) {
    ::close(parent_end);
    pid_t grandchild = ::fork();
    if (grandchild == 0) RunGrandchild(plan);
    ::_exit(grandchild < 0 ? 1 : 0);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return InternalError("cannot fork the instance process");
  return child;
}

}  // namespace

Result<LaunchedProcess> LaunchDetached(const DetachedLaunch& launch,
                                       const std::function<Status(const LaunchedProcess&)>& before_exec) {
  std::vector<char*> argv = CStrings(launch.argv);
  std::vector<char*> envp = CStrings(launch.env);
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) return ErrnoError("socketpair", errno);
  ChildPlan plan{launch.program.c_str(), argv.data(),      envp.data(),
                 launch.cwd.c_str(),     launch.output_fd, sv[1]};
  auto forked = ForkTwice(plan, sv[0]);
  ::close(sv[1]);
  if (!forked.ok()) {
    ::close(sv[0]);
    return forked.status();
  }
  Message m{};
  if (!ReadMessage(sv[0], &m) || m.error != 0) {
    ::close(sv[0]);
    return ErrnoError("cannot prepare '" + launch.program + "' in '" + launch.cwd + "'",
                      m.error ? m.error : EIO);
  }
  LaunchedProcess process{static_cast<pid_t>(m.pid), 0};
  // The grandchild is blocked in recv, so its stat entry is there to read.
  auto stat = ReadProcStat(process.pid);
  process.start_time = stat ? stat->start_time : 0;
  Status status = stat ? before_exec(process) : InternalError("instance process vanished before it started");
  if (!status.ok()) {
    ::kill(process.pid, SIGKILL);
    ::close(sv[0]);
    return status;
  }
  char go = 'g';
  ssize_t sent = ::send(sv[0], &go, 1, MSG_NOSIGNAL);
  // EOF means exec succeeded (the grandchild's end is close-on-exec).
  bool failed = sent != 1 || ReadMessage(sv[0], &m);
  ::close(sv[0]);
  if (failed) return ErrnoError("cannot run '" + launch.program + "'", sent != 1 ? EPIPE : m.error);
  return process;
}

}  // namespace cloud_tasks::compute::local
