#include "taskfile/selecting_reader.h"

#include <algorithm>
#include <array>

namespace cloud_tasks::taskfile {
namespace {

class SelectingReader : public TaskReader {
 public:
  static constexpr size_t kLookahead = 8;

  SelectingReader(std::unique_ptr<TaskReader> source, ReaderOptions options,
                  std::unique_ptr<DuplicateChecker> duplicates)
      : source_(std::move(source)), options_(options), duplicates_(std::move(duplicates)) {
    if (options_.limit.has_value()) {
      const auto limit = static_cast<uint64_t>(std::max<int64_t>(*options_.limit, 0));
      parse_budget_ = limit > UINT64_MAX - options_.start_task ? UINT64_MAX : options_.start_task + limit;
    }
  }

  Result<bool> Next(Task& out) override {
    if (!error_.ok()) return error_;
    if (options_.limit.has_value() &&
        (*options_.limit <= 0 || yielded_ >= static_cast<uint64_t>(*options_.limit))) {
      return false;
    }
    for (;;) {
      TopUp();
      if (count_ == 0) {
        if (!source_error_.ok()) return error_ = source_error_;
        return false;
      }
      Slot& slot = ring_[head_];
      head_ = (head_ + 1) % kLookahead;
      --count_;
      if (duplicates_ != nullptr) {
        Status unique = duplicates_->CheckHash(slot.hash, slot.task);
        if (!unique.ok()) return error_ = unique;
      }
      if (slot.task.index < options_.start_task) continue;
      ++yielded_;
      std::swap(out, slot.task);  // the slot reuses the caller's old buffers
      return true;
    }
  }

 private:
  struct Slot {
    Task task;
    uint64_t hash = 0;
  };

  // Parses tasks into the ring: kLookahead ahead with the duplicate check, else one.
  void TopUp() {
    const size_t want = duplicates_ != nullptr ? kLookahead : 1;
    while (count_ < want && !source_done_ && parsed_ < parse_budget_) {
      Slot& slot = ring_[(head_ + count_) % kLookahead];
      Result<bool> got = source_->Next(slot.task);
      if (!got.ok() || !*got) {
        source_done_ = true;
        if (!got.ok()) source_error_ = got.status();
        return;
      }
      if (duplicates_ != nullptr) {
        slot.hash = duplicates_->Hash(slot.task.task_id);
        duplicates_->Prefetch(slot.hash);
      }
      ++parsed_;
      ++count_;
    }
  }

  std::unique_ptr<TaskReader> source_;
  ReaderOptions options_;
  std::unique_ptr<DuplicateChecker> duplicates_;
  std::array<Slot, kLookahead> ring_;
  size_t head_ = 0;   // oldest parsed task
  size_t count_ = 0;  // parsed tasks not yet returned
  uint64_t parsed_ = 0;
  uint64_t parse_budget_ = UINT64_MAX;  // start_task + limit
  bool source_done_ = false;
  Status source_error_;  // returned once the tasks before it are out
  uint64_t yielded_ = 0;
  Status error_;
};

}  // namespace

std::unique_ptr<TaskReader> MakeSelectingReader(std::unique_ptr<TaskReader> source, ReaderOptions options,
                                                std::unique_ptr<DuplicateChecker> duplicates) {
  return std::make_unique<SelectingReader>(std::move(source), options, std::move(duplicates));
}

}  // namespace cloud_tasks::taskfile
