#include "worker/function_launcher.h"

#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

#include "worker/result_mailbox.h"

namespace cloud_tasks::worker {

// Mailboxes of tasks that ended, ready for the next ones (at most one per slot).
struct FunctionLauncher::MailboxPool {
  std::vector<std::unique_ptr<ResultMailbox>> free;
};

namespace {

// What the task's process posts: one kind byte, then JSON text: the result for done and
// retry, a JSON string (the message) for an exception or a memory error.
constexpr char kDone = 'd', kRetry = 'r', kException = 'e', kMemory = 'm';

struct Report {
  char kind;
  std::string payload;
};

std::string MemoryMessage(const std::optional<uint64_t>& limit) {
  if (!limit) return "out of memory (std::bad_alloc)";
  return fmt::format(
      "memory limit exceeded: the task allocated more than --max-memory-allowed-per-task ({:.3g} GB)",
      static_cast<double>(*limit) / (1024.0 * 1024.0 * 1024.0));
}

Report Text(char kind, const std::string& message) {
  return {kind, JsonValue(message).dump(-1, ' ', false, JsonValue::error_handler_t::replace)};
}

// In the child: run the handler and describe how it ended.
Report RunHandler(const FunctionLauncherOptions& o, const WorkItem& item) {
  try {
    Task task{item.task_id, JsonValue::parse(item.data_json)};
    TaskResult r = o.handler(task, *o.context);
    // A strict dump: a result that is not serialisable (invalid UTF-8) is reported as
    // such (BUG-WRK-05). No result (the common case) needs no serialiser, so its code is
    // never paged into the task's process.
    return {r.retry ? kRetry : kDone, r.result.is_null() ? std::string("null") : r.result.dump()};
  } catch (const std::bad_alloc&) {
    return Text(kMemory, MemoryMessage(o.address_space_limit));
  } catch (const JsonValue::exception& e) {
    return Text(kException, std::string("result is not valid JSON: ") + e.what());
  } catch (const std::exception& e) {
    return Text(kException, e.what());
  } catch (...) {
    return Text(kException, "unknown exception (not derived from std::exception)");
  }
}

[[noreturn]] void ChildMain(const FunctionLauncherOptions& o, const WorkItem& item, ResultMailbox& box,
                            uint64_t ticket) {
  ::setpgid(0, 0);
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  ::signal(SIGCHLD, SIG_DFL);
  if (o.address_space_limit) {
    rlimit rl{*o.address_space_limit, *o.address_space_limit};
    if (::setrlimit(RLIMIT_AS, &rl) != 0) std::fprintf(stderr, "warning: cannot set the memory limit\n");
  }
  try {
    Report r = RunHandler(o, item);
    box.Post(ticket, r.kind, r.payload);
  } catch (...) {
    box.Post(ticket, kMemory, R"("out of memory while reporting the result")");
  }
  std::fflush(nullptr);
  ::_exit(0);  // skip the parent's atexit handlers and static destructors
}

class ForkedTask : public LaunchedTask {
 public:
  ForkedTask(pid_t pid, std::unique_ptr<ResultMailbox> box, uint64_t ticket,
             std::shared_ptr<FunctionLauncher::MailboxPool> pool)
      : pid_(pid), box_(std::move(box)), ticket_(ticket), pool_(std::move(pool)) {}
  ~ForkedTask() override { pool_->free.push_back(std::move(box_)); }
  pid_t pid() const override { return pid_; }
  TaskOutcome Finish(int wait_status) override {
    TaskOutcome out;
    out.kind = TaskOutcome::Kind::kExited;
    out.exit_code = ExitCodeOf(wait_status);
    std::optional<ResultMailbox::Message> m = box_->Collect(ticket_);
    if (!m) return out;  // died before reporting
    if (m->kind == kDone || m->kind == kRetry) {
      Json result = m->payload == "null" ? Json() : Json::parse(m->payload, nullptr, false);
      if (result.is_discarded()) return out;
      out.kind = m->kind == kDone ? TaskOutcome::Kind::kDone : TaskOutcome::Kind::kRetry;
      out.result = std::move(result);
    } else if (m->kind == kException || m->kind == kMemory) {
      Json text = Json::parse(m->payload, nullptr, false);
      if (!text.is_string()) return out;
      out.kind = m->kind == kMemory ? TaskOutcome::Kind::kMemoryError : TaskOutcome::Kind::kException;
      out.exception = text.get<std::string>();
    } else {
      return out;
    }
    out.exit_code = 0;
    return out;
  }

 private:
  pid_t pid_;
  std::unique_ptr<ResultMailbox> box_;
  uint64_t ticket_;
  std::shared_ptr<FunctionLauncher::MailboxPool> pool_;
};

}  // namespace

FunctionLauncher::FunctionLauncher(FunctionLauncherOptions options)
    : options_(std::move(options)), pool_(std::make_shared<MailboxPool>()) {}

FunctionLauncher::~FunctionLauncher() = default;

Result<std::unique_ptr<LaunchedTask>> FunctionLauncher::Launch(const WorkItem& item) {
  std::unique_ptr<ResultMailbox> box;
  if (pool_->free.empty()) {
    CT_ASSIGN_OR_RETURN(box, ResultMailbox::Create());
  } else {
    box = std::move(pool_->free.back());
    pool_->free.pop_back();
  }
  uint64_t ticket = box->Arm();
  std::fflush(nullptr);  // buffered output must not be written twice
  pid_t pid = ::fork();
  if (pid < 0) {
    int err = errno;
    pool_->free.push_back(std::move(box));
    return ErrnoError("fork", err);
  }
  if (pid == 0) ChildMain(options_, item, *box, ticket);
  ::setpgid(pid, pid);  // also from the parent, so the group exists before we signal it
  return std::unique_ptr<LaunchedTask>(new ForkedTask(pid, std::move(box), ticket, pool_));
}

}  // namespace cloud_tasks::worker
