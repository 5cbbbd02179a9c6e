#include "worker/spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "core/strings.h"

extern char** environ;

namespace cloud_tasks::worker {
namespace {

struct ChildPlan {
  const char* program;
  char* const* argv;
  char* const* envp;
  int stdin_fd, stdout_fd, stderr_fd;
  int error_fd;  // write end of the exec-error pipe (close-on-exec)
  bool limit;
  rlimit address_space;
};

// Runs in the vfork child: only async-signal-safe system calls, no allocation.
[[noreturn]] void ExecChild(const ChildPlan* plan) {
  ::setpgid(0, 0);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::signal(SIGPIPE, SIG_DFL);
  if (plan->limit) ::setrlimit(RLIMIT_AS, &plan->address_space);
  int in = plan->stdin_fd >= 0 ? plan->stdin_fd : ::open("/dev/null", O_RDONLY);
  if (in >= 0 && in != 0) ::dup2(in, 0);
  if (plan->stdout_fd >= 0 && plan->stdout_fd != 1) ::dup2(plan->stdout_fd, 1);
  if (plan->stderr_fd >= 0 && plan->stderr_fd != 2) ::dup2(plan->stderr_fd, 2);
  ::execve(plan->program, plan->argv, plan->envp);
  int err = errno;
  ssize_t ignored = ::write(plan->error_fd, &err, sizeof err);
  (void)ignored;
  ::_exit(127);
}

std::vector<char*> CStrings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (const auto& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

Result<pid_t> Spawn(const SpawnRequest& request) {
  std::vector<char*> argv = CStrings(request.argv);
  std::vector<char*> envp = CStrings(request.env);
  int error_pipe[2];
  if (::pipe2(error_pipe, O_CLOEXEC) != 0) return ErrnoError("pipe", errno);
  ChildPlan plan{request.program.c_str(),
                 argv.data(),
                 envp.data(),
                 request.stdin_fd,
                 request.stdout_fd,
                 request.stderr_fd,
                 error_pipe[1],
                 request.address_space_limit.has_value(),
                 {}};
  if (plan.limit) plan.address_space.rlim_cur = plan.address_space.rlim_max = *request.address_space_limit;
  pid_t pid = ::vfork();
  if (pid == 0) ExecChild(&plan);
  int spawn_errno = errno;
  ::close(error_pipe[1]);
  if (pid < 0) {
    ::close(error_pipe[0]);
    return ErrnoError("cannot start '" + request.program + "'", spawn_errno);
  }
  ::setpgid(pid, pid);  // also from the parent, so the group exists before we signal it
  int exec_errno = 0;
  ssize_t n;
  do n = ::read(error_pipe[0], &exec_errno, sizeof exec_errno);
  while (n < 0 && errno == EINTR);
  ::close(error_pipe[0]);
  if (n == static_cast<ssize_t>(sizeof exec_errno)) {
    int status;
    ::waitpid(pid, &status, 0);
    return ErrnoError("cannot run '" + request.program + "'", exec_errno);
  }
  return pid;
}

Result<std::string> FindProgram(const std::string& name) {
  if (name.empty()) return InvalidArgumentError("no program given");
  auto executable = [](const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
  };
  if (name.find('/') != std::string::npos) {
    if (executable(name)) return name;
    return NotFoundError("'" + name + "' is not an executable file");
  }
  const char* path = std::getenv("PATH");
  for (const auto& dir : SplitAny(path ? path : "/usr/local/bin:/usr/bin:/bin", ":")) {
    std::string candidate = dir + "/" + name;
    if (executable(candidate)) return candidate;
  }
  return NotFoundError("'" + name + "' was not found in PATH");
}

std::vector<std::string> CurrentEnvironment() {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
  return env;
}

}  // namespace cloud_tasks::worker
