#include "worker/function_launcher.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace cloud_tasks::worker {
namespace {

void WriteAll(int fd, const std::string& s) {
  size_t done = 0;
  while (done < s.size()) {
    ssize_t n = ::write(fd, s.data() + done, s.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

std::string MemoryMessage(const std::optional<uint64_t>& limit) {
  if (!limit) return "out of memory (std::bad_alloc)";
  return fmt::format(
      "memory limit exceeded: the task allocated more than --max-memory-allowed-per-task ({:.3g} GB)",
      static_cast<double>(*limit) / (1024.0 * 1024.0 * 1024.0));
}

// In the child: run the handler and describe how it ended.
JsonValue RunHandler(const FunctionLauncherOptions& o, const WorkItem& item) {
  JsonValue msg = JsonValue::object();
  try {
    Task task{item.task_id, JsonValue::parse(item.data_json)};
    TaskResult r = o.handler(task, *o.context);
    msg["kind"] = r.retry ? "retry" : "done";
    msg["result"] = std::move(r.result);
    msg.dump();  // the result must be serialisable (valid UTF-8); if not, say so (BUG-WRK-05)
  } catch (const std::bad_alloc&) {
    msg = {{"kind", "memory"}, {"exception", MemoryMessage(o.address_space_limit)}};
  } catch (const JsonValue::exception& e) {
    msg = {{"kind", "exception"}, {"exception", std::string("result is not valid JSON: ") + e.what()}};
  } catch (const std::exception& e) {
    msg = {{"kind", "exception"}, {"exception", e.what()}};
  } catch (...) {
    msg = {{"kind", "exception"}, {"exception", "unknown exception (not derived from std::exception)"}};
  }
  return msg;
}

[[noreturn]] void ChildMain(const FunctionLauncherOptions& o, const WorkItem& item, int out_fd) {
  ::setpgid(0, 0);
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  ::signal(SIGCHLD, SIG_DFL);
  if (o.address_space_limit) {
    rlimit rl{*o.address_space_limit, *o.address_space_limit};
    if (::setrlimit(RLIMIT_AS, &rl) != 0) std::fprintf(stderr, "warning: cannot set the memory limit\n");
  }
  std::string text;
  try {
    text = RunHandler(o, item).dump(-1, ' ', false, JsonValue::error_handler_t::replace);
  } catch (...) {
    text = R"({"kind":"memory","exception":"out of memory while reporting the result"})";
  }
  WriteAll(out_fd, text);
  std::fflush(nullptr);
  ::_exit(0);  // skip the parent's atexit handlers and static destructors
}

class ForkedTask : public LaunchedTask {
 public:
  ForkedTask(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
  ~ForkedTask() override {
    if (fd_ >= 0) ::close(fd_);
  }
  pid_t pid() const override { return pid_; }
  int output_fd() const override { return fd_; }
  void OnReadable() override {
    char buf[16384];
    for (;;) {
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n == 0) {
        ::close(fd_);
        fd_ = -1;
      }
      if (n <= 0) return;
      message_.append(buf, static_cast<size_t>(n));
    }
  }
  TaskOutcome Finish(int wait_status) override {
    if (fd_ >= 0) OnReadable();
    TaskOutcome out;
    JsonValue msg = JsonValue::parse(message_, nullptr, false);
    if (message_.empty() || msg.is_discarded() || !msg.is_object()) {
      out.kind = TaskOutcome::Kind::kExited;
      out.exit_code = ExitCodeOf(wait_status);
      return out;
    }
    std::string kind = msg.value("kind", "");
    if (kind == "done" || kind == "retry") {
      out.kind = kind == "done" ? TaskOutcome::Kind::kDone : TaskOutcome::Kind::kRetry;
      out.result = msg["result"];
    } else {
      out.kind = kind == "memory" ? TaskOutcome::Kind::kMemoryError : TaskOutcome::Kind::kException;
      out.exception = msg.value("exception", "");
    }
    return out;
  }

 private:
  pid_t pid_;
  int fd_;
  std::string message_;
};

}  // namespace

Result<std::unique_ptr<LaunchedTask>> FunctionLauncher::Launch(const WorkItem& item) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) return ErrnoError("pipe", errno);
  std::fflush(nullptr);  // buffered output must not be written twice
  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    ::close(p[0]);
    ::close(p[1]);
    return ErrnoError("fork", err);
  }
  if (pid == 0) {
    ::close(p[0]);
    ChildMain(options_, item, p[1]);
  }
  ::close(p[1]);
  ::setpgid(pid, pid);
  ::fcntl(p[0], F_SETFL, O_NONBLOCK);
  return std::unique_ptr<LaunchedTask>(new ForkedTask(pid, p[0]));
}

}  // namespace cloud_tasks::worker
