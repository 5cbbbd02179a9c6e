#include "taskfile/hash_set.h"

#include <sys/mman.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace cloud_tasks::taskfile {
namespace {

constexpr size_t kInitialSlots = 1024;
constexpr size_t kHugePage = size_t{2} << 20;

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
  constexpr uint64_t kMix = 0xbf58476d1ce4e5b9ULL;
  const char* p = id.data();
  const size_t n = id.size();
  uint64_t h = n * kMul;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    std::memcpy(&word, p + i, 8);
    h = (h ^ (word * kMix)) * kMul;
    h ^= h >> 29;
  }
  if (i < n) {
    uint64_t word = 0;
    if (n >= 8) {
      std::memcpy(&word, p + n - 8, 8);  // the last 8 bytes, overlapping the loop's
    } else {
      for (size_t k = 0; k < n; ++k)
        word |= static_cast<uint64_t>(static_cast<unsigned char>(p[k])) << (8 * k);
    }
    h = (h ^ (word * kMix)) * kMul;
  }
  return Finalize(h);
}

void HashSet64::FreeSlots::operator()(uint64_t* p) const {
  // Give the pages their fork behaviour back before malloc hands them to anyone else.
  if (dont_fork_bytes > 0) ::madvise(p, dont_fork_bytes, MADV_DOFORK);
  std::free(p);
}

HashSet64::Slots HashSet64::Allocate(size_t count) {
  size_t bytes = count * sizeof(uint64_t);
  void* p = nullptr;
  size_t dont_fork = 0;
  if (bytes >= kHugePage) {
    p = std::aligned_alloc(kHugePage, bytes);
    if (p != nullptr) {
      ::madvise(p, bytes, MADV_HUGEPAGE);  // a hint; failure is harmless
      // Only the reading process uses the table; a library worker forks once per task,
      // and copying the page tables of a table that grows with the task file would make
      // every fork slower the longer the file. Whole pages: the block is 2 MiB-aligned
      // and a multiple of 2 MiB.
      if (::madvise(p, bytes, MADV_DONTFORK) == 0) dont_fork = bytes;
    }
  } else {
    p = std::malloc(bytes);
  }
  if (p == nullptr) throw std::bad_alloc();
  std::memset(p, 0, bytes);
  return Slots(static_cast<uint64_t*>(p), FreeSlots{dont_fork});
}

HashSet64::HashSet64() : slots_(Allocate(kInitialSlots)), mask_(kInitialSlots - 1) {}

bool HashSet64::Insert(uint64_t hash) {
  if ((size_ + 1) * 4 > (mask_ + 1) * 3) Grow();
  if (!InsertKey(Key(hash))) return false;
  ++size_;
  return true;
}

bool HashSet64::InsertKey(uint64_t key) {
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
  slots_ = Allocate(old_slots * 2);
  mask_ = old_slots * 2 - 1;
  for (size_t i = 0; i < old_slots; ++i) {
    if (old[i] != 0) InsertKey(old[i]);
  }
}

}  // namespace cloud_tasks::taskfile
