#include "taskfile/hash_log.h"

#include <algorithm>
#include <bit>

namespace cloud_tasks::taskfile {
namespace {

// Adds the repeated values among [begin, end) to `repeats`, using `table` (zeroed,
// power-of-two size at least twice the count) as an open-addressing set.
void FindRepeatsIn(const uint64_t* begin, const uint64_t* end, std::vector<uint64_t>& table,
                   std::vector<uint64_t>& repeats) {
  size_t slots = std::bit_ceil(static_cast<size_t>(end - begin) * 2 + 2);
  table.assign(slots, 0);
  size_t mask = slots - 1;
  bool zero_seen = false;
  for (const uint64_t* p = begin; p < end; ++p) {
    uint64_t key = *p;
    if (key == 0) {  // 0 marks empty slots: track it aside
      if (zero_seen) repeats.push_back(0);
      zero_seen = true;
      continue;
    }
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      if (table[i] == 0) {
        table[i] = key;
        break;
      }
      if (table[i] == key) {
        repeats.push_back(key);
        break;
      }
    }
  }
}

}  // namespace

void HashLog::NewChunk() {
  chunks_.push_back(std::make_unique_for_overwrite<uint64_t[]>(kChunkEntries));
  fill_ = 0;
}

std::vector<uint64_t> HashLog::TakeRepeats() {
  const uint64_t n = size();
  // Partition on the top bits so each partition's table fits in the cache.
  const int bits =
      n < (uint64_t{1} << 14) ? 0 : static_cast<int>(std::min<uint64_t>(16, std::bit_width(n >> 12)));
  const size_t partitions = size_t{1} << bits;
  const int shift = 64 - bits;
  auto partition_of = [&](uint64_t h) -> size_t { return bits == 0 ? 0 : static_cast<size_t>(h >> shift); };
  std::vector<uint64_t> start(partitions + 1, 0);
  for (size_t c = 0; c < chunks_.size(); ++c) {
    size_t used = c + 1 == chunks_.size() ? fill_ : kChunkEntries;
    for (size_t i = 0; i < used; ++i) ++start[partition_of(chunks_[c][i]) + 1];
  }
  for (size_t p = 0; p < partitions; ++p) start[p + 1] += start[p];
  std::unique_ptr<uint64_t[]> sorted = std::make_unique_for_overwrite<uint64_t[]>(std::max<uint64_t>(n, 1));
  std::vector<uint64_t> next(start.begin(), start.end() - 1);
  for (size_t c = 0; c < chunks_.size(); ++c) {
    size_t used = c + 1 == chunks_.size() ? fill_ : kChunkEntries;
    for (size_t i = 0; i < used; ++i) {
      uint64_t h = chunks_[c][i];
      sorted[next[partition_of(h)]++] = h;
    }
    chunks_[c].reset();  // keep the peak near 8 bytes per hash
  }
  chunks_.clear();
  fill_ = kChunkEntries;
  std::vector<uint64_t> repeats;
  std::vector<uint64_t> table;
  for (size_t p = 0; p < partitions; ++p) {
    FindRepeatsIn(sorted.get() + start[p], sorted.get() + start[p + 1], table, repeats);
  }
  std::sort(repeats.begin(), repeats.end());
  repeats.erase(std::unique(repeats.begin(), repeats.end()), repeats.end());
  return repeats;
}

}  // namespace cloud_tasks::taskfile
