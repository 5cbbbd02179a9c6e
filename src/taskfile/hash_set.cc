#include "taskfile/hash_set.h"

#include <cstring>

namespace cloud_tasks::taskfile {
namespace {

constexpr size_t kInitialSlots = 1024;

uint64_t Finalize(uint64_t h) {  // splitmix64 / murmur3 finaliser
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

uint64_t HashTaskId(std::string_view id) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  uint64_t h = id.size() * kMul;
  const char* p = id.data();
  size_t n = id.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ (word * 0xbf58476d1ce4e5b9ULL)) * kMul;
    h ^= h >> 29;
  }
  if (n > 0) {
    uint64_t word = 0;
    std::memcpy(&word, p, n);
    h = (h ^ (word * 0xbf58476d1ce4e5b9ULL)) * kMul;
  }
  return Finalize(h);
}

HashSet64::HashSet64() : slots_(std::make_unique<uint64_t[]>(kInitialSlots)), mask_(kInitialSlots - 1) {}

bool HashSet64::Insert(uint64_t hash) {
  if ((size_ + 1) * 4 > (mask_ + 1) * 3) Grow();
  if (!InsertNew(hash == 0 ? 1 : hash)) return false;
  ++size_;
  return true;
}

bool HashSet64::InsertNew(uint64_t key) {
  for (size_t i = key & mask_;; i = (i + 1) & mask_) {
    if (slots_[i] == key) return false;
    if (slots_[i] == 0) {
      slots_[i] = key;
      return true;
    }
  }
}

void HashSet64::Grow() {
  size_t old_slots = mask_ + 1;
  auto old = std::move(slots_);
  slots_ = std::make_unique<uint64_t[]>(old_slots * 2);
  mask_ = old_slots * 2 - 1;
  for (size_t i = 0; i < old_slots; ++i) {
    if (old[i] != 0) InsertNew(old[i]);
  }
}

}  // namespace cloud_tasks::taskfile
