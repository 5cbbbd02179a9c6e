#pragma once
/// Duplicate task-id detection in bounded memory.
///
/// Only a 64-bit hash of each id is kept (HashSet64: about 16 bytes per task on
/// average). When a hash repeats, the file is read again from the start up to the
/// current task to find an earlier task with exactly the same id: that happens only on
/// the error path (or on a real 64-bit collision, which then costs one extra read and
/// produces no error), so a collision never causes a false "duplicate" error.

#include <array>
#include <string>

#include "core/status.h"
#include "taskfile/hash_set.h"
#include "taskfile/task_reader.h"

namespace cloud_tasks::taskfile {

class DuplicateChecker {
 public:
  /// `path` is re-opened (with its format's reader) to confirm a repeated hash.
  explicit DuplicateChecker(std::string path, TaskIdHash hash = &HashTaskId)
      : path_(std::move(path)), hash_(hash) {}

  /// Records `task`, which must come after every task checked before it in the file.
  /// A repeated id is InvalidArgument
  /// `<path>:<line>:<col>: task <i>: duplicate task_id "x": first at line L (task I)`.
  Status Check(const Task& task) { return Record(hash_(task.task_id), task); }

  /// Pipelined Check for whole-file validation: prefetches the table slot of `task`'s
  /// hash now and completes the check kPipelineDepth tasks later (or in Finish), so the
  /// cache miss overlaps with parsing. Same errors as Check, reported a little later.
  Status CheckDeferred(const Task& task);
  /// Completes every deferred check.
  Status Finish();

  size_t memory_bytes() const { return seen_.memory_bytes(); }
  /// Number of repeated hashes that turned out to be different ids.
  uint64_t collisions() const { return collisions_; }

 private:
  static constexpr size_t kPipelineDepth = 32;
  struct Pending {
    uint64_t hash = 0;
    Task task;  // data_json is not copied
  };

  Status Record(uint64_t hash, const Task& task);

  std::array<Pending, kPipelineDepth> pending_;
  size_t pending_head_ = 0;  // oldest entry
  size_t pending_count_ = 0;
  std::string path_;
  TaskIdHash hash_;
  HashSet64 seen_;
  uint64_t collisions_ = 0;
};

/// TaskReader::Open with an injectable hash (tests force collisions with it).
Result<std::unique_ptr<TaskReader>> OpenTaskReader(const std::string& path, ReaderOptions options,
                                                   TaskIdHash hash);

/// ValidateTaskFile with an injectable hash.
Result<uint64_t> ValidateTaskFileWithHash(const std::string& path, ReaderOptions options,
                                          TaskIdHash hash);

}  // namespace cloud_tasks::taskfile
