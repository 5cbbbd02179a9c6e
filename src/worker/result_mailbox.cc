#include "worker/result_mailbox.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cloud_tasks::worker {
namespace {

// The state word: ticket << 2 | phase.
constexpr uint64_t kArmed = 0, kWriting = 1, kPosted = 2;
constexpr size_t kDataOffset = 64;  // the message starts here, in the mapping and in the file
constexpr size_t kInlineBytes = ResultMailbox::kMappedBytes - kDataOffset;

}  // namespace

// Lives at the start of the shared mapping. The writer and the reader are different
// processes: lock-free atomics are address-free, so they work across them.
struct ResultMailbox::Header {
  std::atomic<uint64_t> state;
  uint64_t length;
  char kind;
};
static_assert(std::atomic<uint64_t>::is_always_lock_free);

Result<std::unique_ptr<ResultMailbox>> ResultMailbox::Create() {
  int fd = ::memfd_create("cloud_tasks_result", MFD_CLOEXEC);
  if (fd < 0) return ErrnoError("memfd_create (task result mailbox)", errno);
  if (::ftruncate(fd, kMappedBytes) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoError("ftruncate (task result mailbox)", err);
  }
  void* map = ::mmap(nullptr, kMappedBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    int err = errno;
    ::close(fd);
    return ErrnoError("mmap (task result mailbox)", err);
  }
  auto box = std::unique_ptr<ResultMailbox>(new ResultMailbox(fd, map));
  new (&box->header()) Header{{0}, 0, 0};
  return box;
}

ResultMailbox::~ResultMailbox() {
  ::munmap(map_, kMappedBytes);
  ::close(fd_);
}

ResultMailbox::Header& ResultMailbox::header() const { return *static_cast<Header*>(map_); }
char* ResultMailbox::inline_data() const { return static_cast<char*>(map_) + kDataOffset; }

uint64_t ResultMailbox::Arm() {
  if (grown_) {  // give back the pages of an earlier long message
    if (::ftruncate(fd_, kMappedBytes) == 0) grown_ = false;
  }
  ++ticket_;
  header().length = 0;
  header().state.store(ticket_ << 2 | kArmed, std::memory_order_release);
  return ticket_;
}

bool ResultMailbox::Post(uint64_t ticket, char kind, std::string_view payload) {
  Header& h = header();
  uint64_t expected = ticket << 2 | kArmed;
  if (!h.state.compare_exchange_strong(expected, ticket << 2 | kWriting, std::memory_order_acq_rel))
    return false;
  h.length = payload.size();  // before the data: the reader learns the file grew even if we die
  h.kind = kind;
  if (payload.size() <= kInlineBytes) {
    std::memcpy(inline_data(), payload.data(), payload.size());
  } else {
    size_t done = 0;
    while (done < payload.size()) {
      ssize_t n =
          ::pwrite(fd_, payload.data() + done, payload.size() - done, static_cast<off_t>(kDataOffset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;  // left in the writing phase: never collected
      done += static_cast<size_t>(n);
    }
  }
  // A compare-and-swap, not a store: if the worker has moved on to another task (we are
  // a leftover process), the new task's state is not overwritten.
  expected = ticket << 2 | kWriting;
  return h.state.compare_exchange_strong(expected, ticket << 2 | kPosted, std::memory_order_acq_rel);
}

std::optional<ResultMailbox::Message> ResultMailbox::Collect(uint64_t ticket) {
  Header& h = header();
  uint64_t state = h.state.load(std::memory_order_acquire);
  if (state >> 2 != ticket || (state & 3) == kArmed) return std::nullopt;
  size_t length = h.length;
  if (length > kInlineBytes) grown_ = true;
  if ((state & 3) != kPosted) return std::nullopt;
  Message m{h.kind, {}};
  if (length <= kInlineBytes) {
    m.payload.assign(inline_data(), length);
    return m;
  }
  m.payload.resize(length);
  size_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd_, m.payload.data() + done, length - done, static_cast<off_t>(kDataOffset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    done += static_cast<size_t>(n);
  }
  return m;
}

}  // namespace cloud_tasks::worker
