#pragma once
/// Duplicate task-id detection in bounded memory.
///
/// Only 64-bit hashes of the ids are kept, never the ids. A repeated hash is confirmed
/// by reading the file again from the start and comparing the ids themselves: that
/// happens only on the error path (or on a real 64-bit collision, which then costs one
/// extra read and produces no error), so a collision never causes a false error.
///
/// Two modes:
/// - Check (the reader): a HashSet64, 8-byte slots at most 3/4 full (10.7 to 21 bytes
///   per task, ~16 on average); the error comes with the second occurrence. The reader
///   hashes a few tasks ahead and prefetches their slots (Hash, Prefetch, CheckHash).
/// - Add + Finish (ValidateTaskFile): a HashLog, 8 bytes per task appended sequentially
///   and searched for repeats at the end, which keeps random memory access out of the
///   streaming loop.

#include <string>
#include <vector>

#include "core/status.h"
#include "taskfile/hash_log.h"
#include "taskfile/hash_set.h"
#include "taskfile/task_reader.h"

namespace cloud_tasks::taskfile {

class DuplicateChecker {
 public:
  /// `path` is re-opened (with its format's reader) to confirm a repeated hash.
  explicit DuplicateChecker(std::string path, TaskIdHash hash = &HashTaskId)
      : path_(std::move(path)), hash_(hash) {}

  /// Records `task` (tasks come in file order). A repeated id is InvalidArgument
  /// `<path>:<line>:<col>: task <i>: duplicate task_id "x": first at line L (task I)`.
  Status Check(const Task& task) { return CheckHash(Hash(task.task_id), task); }
  /// Check with the hash already computed (by Hash, possibly with a Prefetch since).
  Status CheckHash(uint64_t hash, const Task& task);
  uint64_t Hash(std::string_view task_id) const { return hash_(task_id); }
  /// Starts loading the table slot that CheckHash(hash, ...) will use.
  void Prefetch(uint64_t hash) const { seen_.Prefetch(hash); }

  /// Whole-file mode: records `task`'s hash; Finish reports duplicates.
  void Add(const Task& task) { log_.Add(hash_(task.task_id)); }
  /// Finds the repeats among the added tasks; the error (same form as Check's) names
  /// the earliest second occurrence in the file.
  Status Finish();

  size_t memory_bytes() const { return seen_.memory_bytes() + log_.memory_bytes(); }
  /// Number of repeated hashes that turned out to be different ids.
  uint64_t collisions() const { return collisions_; }

 private:
  /// Reads tasks [0, end_index) again; returns the duplicate error for the first task
  /// whose id equals an earlier task's id among those whose hash is in `suspects`
  /// (sorted), or OK when the repeats were only hash collisions.
  Status Confirm(const std::vector<uint64_t>& suspects, uint64_t end_index);

  std::string path_;
  TaskIdHash hash_;
  HashSet64 seen_;
  HashLog log_;
  uint64_t collisions_ = 0;
};

/// TaskReader::Open with an injectable hash (tests force collisions with it).
Result<std::unique_ptr<TaskReader>> OpenTaskReader(const std::string& path, ReaderOptions options,
                                                   TaskIdHash hash);

/// ValidateTaskFile with an injectable hash.
Result<uint64_t> ValidateTaskFileWithHash(const std::string& path, ReaderOptions options, TaskIdHash hash);

}  // namespace cloud_tasks::taskfile
