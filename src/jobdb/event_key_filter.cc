#include "jobdb/event_key_filter.h"

#include <algorithm>
#include <bit>

namespace cloud_tasks::jobdb {
namespace {

constexpr uint64_t kBitsPerKey = 16;
constexpr uint64_t kMinBits = uint64_t{1} << 20;  // 128 KiB

// Second probe from the key's other half, remixed so that keys differing only in their
// low bits still spread (keys are MurmurHash64A values, already well mixed).
uint64_t SecondProbe(uint64_t key) { return (key >> 32 | key << 32) * 0x9E3779B97F4A7C15ull; }

}  // namespace

EventKeyFilter::EventKeyFilter(uint64_t expected_keys) {
  uint64_t bits = std::bit_ceil(std::max(kMinBits, (expected_keys + expected_keys / 2) * kBitsPerKey));
  words_.assign(bits / 64, 0);
  mask_ = bits - 1;
  capacity_ = bits / kBitsPerKey;
}

void EventKeyFilter::Add(int64_t key) {
  uint64_t k = static_cast<uint64_t>(key);
  uint64_t a = k & mask_;
  uint64_t b = SecondProbe(k) & mask_;
  words_[a >> 6] |= uint64_t{1} << (a & 63);
  words_[b >> 6] |= uint64_t{1} << (b & 63);
  ++count_;
}

bool EventKeyFilter::MayContain(int64_t key) const {
  uint64_t k = static_cast<uint64_t>(key);
  uint64_t a = k & mask_;
  uint64_t b = SecondProbe(k) & mask_;
  return (words_[a >> 6] >> (a & 63) & 1) && (words_[b >> 6] >> (b & 63) & 1);
}

}  // namespace cloud_tasks::jobdb
