#pragma once
/// An append-only log of 64-bit task-id hashes for whole-file validation: appends are
/// sequential (no random memory access while the file streams), and repeats are found
/// at the end by partitioning the hashes on their top bits and checking each partition
/// in a cache-sized table. 8 bytes per task while streaming, about the same at the end
/// (chunks are released as they are partitioned).

#include <cstdint>
#include <memory>
#include <vector>

namespace cloud_tasks::taskfile {

class HashLog {
 public:
  void Add(uint64_t hash) {
    if (fill_ == kChunkEntries) NewChunk();
    chunks_.back()[fill_++] = hash;
  }
  uint64_t size() const { return chunks_.empty() ? 0 : (chunks_.size() - 1) * kChunkEntries + fill_; }
  size_t memory_bytes() const { return chunks_.size() * kChunkEntries * sizeof(uint64_t); }

  /// Returns every hash that was added more than once (each once, in no particular
  /// order) and empties the log.
  std::vector<uint64_t> TakeRepeats();

 private:
  static constexpr size_t kChunkEntries = size_t{1} << 16;  // 512 KiB chunks
  void NewChunk();

  std::vector<std::unique_ptr<uint64_t[]>> chunks_;
  size_t fill_ = kChunkEntries;  // entries used in the last chunk
};

}  // namespace cloud_tasks::taskfile
