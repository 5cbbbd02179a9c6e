#include "auth/aws/process_runner.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

namespace cloud_tasks::auth::aws {
namespace {

void CloseFd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Reads both pipes until both reach end of file.
void Drain(int out_fd, int err_fd, ProcessOutput& output) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&output.out, &output.err};
  int open_count = 2;
  char buf[4096];
  while (open_count > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
}

class ForkExecRunner : public ProcessRunner {
 public:
  Result<ProcessOutput> Run(const std::vector<std::string>& argv) override {
    if (argv.empty()) return InvalidArgumentError("empty command");
    int out[2] = {-1, -1}, err[2] = {-1, -1}, exec_err[2] = {-1, -1};
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0 || ::pipe2(exec_err, O_CLOEXEC) != 0) {
      int e = errno;
      for (int* p : {out, err, exec_err}) CloseFd(p[0]), CloseFd(p[1]);
      return ErrnoError("cannot create pipes for " + argv[0], e);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      ::execvp(args[0], args.data());
      int e = errno;
      ssize_t ignored = ::write(exec_err[1], &e, sizeof e);
      (void)ignored;
      ::_exit(127);
    }
    int fork_errno = errno;
    CloseFd(out[1]);
    CloseFd(err[1]);
    CloseFd(exec_err[1]);
    if (pid < 0) {
      for (int* p : {out, err, exec_err}) CloseFd(p[0]);
      return ErrnoError("cannot start " + argv[0], fork_errno);
    }
    int child_errno = 0;
    ssize_t got = ::read(exec_err[0], &child_errno, sizeof child_errno);
    CloseFd(exec_err[0]);
    ProcessOutput output;
    Drain(out[0], err[0], output);
    CloseFd(out[0]);
    CloseFd(err[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (got == static_cast<ssize_t>(sizeof child_errno)) {
      std::string msg = "cannot run " + argv[0] + ": " + std::strerror(child_errno);
      return child_errno == ENOENT ? NotFoundError(msg) : IoError(msg);
    }
    output.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return output;
  }
};

}  // namespace

std::unique_ptr<ProcessRunner> MakeForkExecRunner() { return std::make_unique<ForkExecRunner>(); }

}  // namespace cloud_tasks::auth::aws
