#pragma once
/// An in-memory "have we stored this event?" filter over event keys (EventKey), so that
/// de-duplicating a new event does not cost an index look-up in `events`: a Bloom filter
/// of two probes and at least 16 bits per key (about 1.4% false positives at its fullest,
/// 2 MiB per million events). A "maybe" answer is confirmed in the database; "no" is
/// certain as long as every stored key was added (JobStore reloads the filter whenever
/// another connection has written to the file).

#include <cstdint>
#include <vector>

namespace cloud_tasks::jobdb {

class EventKeyFilter {
 public:
  /// An empty filter sized for `expected_keys` (grows on demand).
  explicit EventKeyFilter(uint64_t expected_keys = 0);

  void Add(int64_t key);
  /// False only when `key` was never added.
  bool MayContain(int64_t key) const;

  /// True when the filter holds more keys than its size is meant for; the owner then
  /// rebuilds it from the stored keys with a larger size (bits cannot be re-hashed).
  bool Overfull() const { return count_ > capacity_; }
  uint64_t count() const { return count_; }
  uint64_t capacity() const { return capacity_; }

 private:
  std::vector<uint64_t> words_;
  uint64_t mask_ = 0;  // bit index mask
  uint64_t count_ = 0;
  uint64_t capacity_ = 0;
};

}  // namespace cloud_tasks::jobdb
