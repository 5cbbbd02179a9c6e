#pragma once
/// A flat open-addressing set of 64-bit hashes: 8 bytes a slot, linear probing, at most
/// 3/4 full (so 10.7 to 21 bytes per element). Used to spot repeated task ids without
/// keeping the ids. Tables of 2 MiB and more ask for transparent huge pages, which
/// makes the random probes cheaper (fewer TLB misses), and are not inherited by forked
/// children (MADV_DONTFORK): a forked task never reads the table, and a worker forks
/// once per task. A child must therefore never use a HashSet64 of its parent.

#include <cstdint>
#include <memory>
#include <string_view>

namespace cloud_tasks::taskfile {

/// Hash function for task ids (injectable so tests can force collisions).
using TaskIdHash = uint64_t (*)(std::string_view);

/// A fast 64-bit hash of a task id (multiply-mix over 8-byte words, 64-bit finaliser).
uint64_t HashTaskId(std::string_view id);

class HashSet64 {
 public:
  HashSet64();
  /// Adds `hash`; returns false when it was already present.
  bool Insert(uint64_t hash);
  /// Hints that `hash` will be inserted soon (loads its slot into the cache).
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[Key(hash) & mask_]); }
  size_t size() const { return size_; }
  /// Bytes held by the table.
  size_t memory_bytes() const { return (mask_ + 1) * sizeof(uint64_t); }

 private:
  static uint64_t Key(uint64_t hash) { return hash == 0 ? 1 : hash; }  // 0 marks empty
  void Grow();
  bool InsertKey(uint64_t key);

  struct FreeSlots {
    size_t dont_fork_bytes = 0;  ///< marked MADV_DONTFORK; restored before free
    void operator()(uint64_t* p) const;
  };
  using Slots = std::unique_ptr<uint64_t[], FreeSlots>;
  static Slots Allocate(size_t count);

  Slots slots_;
  size_t mask_;
  size_t size_ = 0;
};

}  // namespace cloud_tasks::taskfile
