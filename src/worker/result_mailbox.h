#pragma once
/// How a forked library task hands its report to the worker without waking it: a small
/// shared-memory file (memfd) mapped before the fork. The child writes its message there
/// and exits; the worker is woken once, by SIGCHLD, and reads the message after reaping.
/// A pipe instead costs the worker a pipe, a non-blocking flag, two closes, several
/// reads and up to two extra wake-ups per task (the write, then the end of file).
///
/// A mailbox is reused task after task. Each use has a ticket: only a writer holding the
/// current ticket can post, and only once (a leftover process of an earlier task, or a
/// second process of the same task, cannot scribble over the message). A task that dies
/// before posting leaves the mailbox empty. Messages of any size fit: the first
/// kInlineBytes are written to the mapping, longer ones into the file with pwrite.

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace cloud_tasks::worker {

class ResultMailbox {
 public:
  /// Bytes a message can have and still go through the mapping alone.
  static constexpr size_t kMappedBytes = 64 * 1024;

  static Result<std::unique_ptr<ResultMailbox>> Create();
  ~ResultMailbox();
  ResultMailbox(const ResultMailbox&) = delete;
  ResultMailbox& operator=(const ResultMailbox&) = delete;

  /// In the worker, before the fork: empties the mailbox and returns the ticket the new
  /// task's process must present to Post.
  uint64_t Arm();

  /// In the task's process: posts `kind` (one byte) and `payload`. Returns false when
  /// the ticket is not (or no longer) the current one, or something was already posted
  /// with it. Async-signal-safe apart from the payload it is given; allocates nothing.
  bool Post(uint64_t ticket, char kind, std::string_view payload);

  struct Message {
    char kind;
    std::string payload;
  };
  /// In the worker, after the task's process ended: the message posted with `ticket`,
  /// or nullopt when none was posted (completely).
  std::optional<Message> Collect(uint64_t ticket);

 private:
  struct Header;
  ResultMailbox(int fd, void* map) : fd_(fd), map_(map) {}
  Header& header() const;
  char* inline_data() const;

  int fd_;
  void* map_;
  uint64_t ticket_ = 0;
  bool grown_ = false;  // the file holds a message longer than the mapping
};

}  // namespace cloud_tasks::worker
