#include "worker/command_launcher.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "core/files.h"
#include "worker/spawn.h"

namespace cloud_tasks::worker {
namespace {

class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    reset(o.release());
    return *this;
  }
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

Status WriteAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("write", errno);
    done += static_cast<size_t>(n);
  }
  return OkStatus();
}

// The last `max` bytes of a file.
std::string FileTail(const std::string& path, size_t max) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  off_t size = ::lseek(fd, 0, SEEK_END);
  off_t start = size > static_cast<off_t>(max) ? size - static_cast<off_t>(max) : 0;
  std::string out(static_cast<size_t>(size - start), '\0');
  ssize_t n = ::pread(fd, out.data(), out.size(), start);
  ::close(fd);
  out.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return out;
}

class CommandTask : public LaunchedTask {
 public:
  CommandTask(pid_t pid, UniqueFd err, std::string result_path, std::string stderr_file)
      : pid_(pid),
        err_(std::move(err)),
        result_path_(std::move(result_path)),
        stderr_file_(std::move(stderr_file)) {}

  pid_t pid() const override { return pid_; }
  int output_fd() const override { return err_.get(); }

  void OnReadable() override {
    char buf[8192];
    for (;;) {
      ssize_t n = ::read(err_.get(), buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n == 0) err_.reset();  // end of stderr: stop watching it
      if (n <= 0) break;
      tail_.append(buf, static_cast<size_t>(n));
      if (tail_.size() > 2 * kStderrTailBytes) tail_.erase(0, tail_.size() - kStderrTailBytes);
    }
  }

  TaskOutcome Finish(int wait_status) override {
    if (err_.get() >= 0) OnReadable();
    if (!stderr_file_.empty()) tail_ = FileTail(stderr_file_, kStderrTailBytes);
    if (tail_.size() > kStderrTailBytes) tail_.erase(0, tail_.size() - kStderrTailBytes);
    TaskOutcome out;
    int code = ExitCodeOf(wait_status);
    auto result_text = ReadFileToString(result_path_);
    ::unlink(result_path_.c_str());
    if (code == 0 || code == kRetryExitCode) {
      out.kind = code == 0 ? TaskOutcome::Kind::kDone : TaskOutcome::Kind::kRetry;
      if (result_text.ok() && !result_text->empty()) {
        out.result = Json::parse(*result_text, nullptr, /*allow_exceptions=*/false);
        if (out.result.is_discarded()) {
          out.kind = TaskOutcome::Kind::kException;
          out.exception = "the result file (RMS_CLOUD_TASKS_RESULT_FILE) is not valid JSON";
        }
      }
      return out;
    }
    out.kind = TaskOutcome::Kind::kExited;
    out.exit_code = code;
    out.exception = tail_;
    return out;
  }

 private:
  pid_t pid_;
  UniqueFd err_;
  std::string result_path_;
  std::string stderr_file_;
  std::string tail_;
};

}  // namespace

int ExitCodeOf(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return -WTERMSIG(wait_status);
  return -1;
}

std::string ReplaceTaskId(const std::string& s, const std::string& task_id) {
  static const std::string kPlaceholder = "{task_id}";
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t hit = s.find(kPlaceholder, pos);
    if (hit == std::string::npos) break;
    out.append(s, pos, hit - pos).append(task_id);
    pos = hit + kPlaceholder.size();
  }
  return out.append(s, pos, std::string::npos);
}

std::string SafeFileName(const std::string& task_id) {
  std::string out = task_id;
  for (char& c : out)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) c = '_';
  if (out.empty() || out[0] == '.') out.insert(0, "_");
  return out;
}

Result<std::unique_ptr<CommandLauncher>> CommandLauncher::Create(CommandLauncherOptions options) {
  if (options.command.empty())
    return InvalidArgumentError("no command given: use 'cloud_tasks worker -- PROGRAM ARGS...'");
  CT_ASSIGN_OR_RETURN(std::string program, FindProgram(options.command[0]));
  auto launcher =
      std::unique_ptr<CommandLauncher>(new CommandLauncher(std::move(options), std::move(program)));
  for (auto& e : CurrentEnvironment())
    if (e.rfind("RMS_CLOUD_TASKS_TASK_", 0) != 0 && e.rfind("RMS_CLOUD_TASKS_RESULT_FILE=", 0) != 0)
      launcher->base_env_.push_back(std::move(e));
  for (const auto& e : launcher->options_.extra_env) launcher->base_env_.push_back(e);
  return launcher;
}

Result<std::unique_ptr<LaunchedTask>> CommandLauncher::Launch(const WorkItem& item) {
  // stdin: the task as JSON in an anonymous memory file (no size limit, nothing on disk).
  UniqueFd in(::memfd_create("cloud_tasks_task", MFD_CLOEXEC));
  if (in.get() < 0) return ErrnoError("memfd_create", errno);
  std::string task_json =
      R"({"task_id":)" + Json(item.task_id).dump() + R"(,"data":)" + item.data_json + "}\n";
  CT_RETURN_IF_ERROR(WriteAll(in.get(), task_json));
  ::lseek(in.get(), 0, SEEK_SET);

  std::string result_path = options_.scratch_dir + "/result-" + std::to_string(++sequence_) + ".json";
  SpawnRequest req;
  req.program = program_;
  req.env = base_env_;
  req.stdin_fd = in.get();
  for (const auto& arg : options_.command) req.argv.push_back(ReplaceTaskId(arg, item.task_id));
  req.env.push_back("RMS_CLOUD_TASKS_TASK_ID=" + item.task_id);
  req.env.push_back("RMS_CLOUD_TASKS_TASK_DATA=" + item.data_json);
  req.env.push_back("RMS_CLOUD_TASKS_RESULT_FILE=" + result_path);
  req.address_space_limit = options_.address_space_limit;

  UniqueFd out_file, err_read, err_write;
  std::string stderr_file;
  if (!options_.task_output_dir.empty()) {
    std::string base = options_.task_output_dir + "/" + SafeFileName(item.task_id);
    stderr_file = base + ".stderr";
    CT_ASSIGN_OR_RETURN(int o, CreateFileWithMode(base + ".stdout", 0600, true));
    out_file.reset(o);
    CT_ASSIGN_OR_RETURN(int e, CreateFileWithMode(stderr_file, 0600, true));
    err_write.reset(e);
    req.stdout_fd = out_file.get();
  } else {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0) return ErrnoError("pipe", errno);
    err_read.reset(p[0]);
    err_write.reset(p[1]);
    ::fcntl(err_read.get(), F_SETFL, O_NONBLOCK);
  }
  req.stderr_fd = err_write.get();
  CT_ASSIGN_OR_RETURN(pid_t pid, Spawn(req));
  return std::unique_ptr<LaunchedTask>(new CommandTask(pid, std::move(err_read), result_path, stderr_file));
}

}  // namespace cloud_tasks::worker
