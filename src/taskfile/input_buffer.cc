#include "taskfile/input_buffer.h"

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace cloud_tasks::taskfile {

InputBuffer::InputBuffer(std::unique_ptr<ByteSource> source, size_t capacity)
    : source_(std::move(source)),
      // Not zero-filled: untouched pages stay unpopulated, so a worker that forks per task
      // does not copy 1 MiB of page-table entries for a small task file.
      buf_(std::make_unique_for_overwrite<char[]>(capacity + kPadding)),
      capacity_(capacity) {}

void InputBuffer::Grow() {
  size_t bigger = capacity_ * 2;
  auto fresh = std::make_unique_for_overwrite<char[]>(bigger + kPadding);
  std::memcpy(fresh.get(), buf_.get(), size_);
  buf_ = std::move(fresh);
  capacity_ = bigger;
}

Status InputBuffer::Refill(uint64_t keep) {
  size_t drop = static_cast<size_t>(keep - base_);
  size_ -= drop;
  std::memmove(buf_.get(), buf_.get() + drop, size_);
  base_ = keep;
  // An item bigger than half the window: grow, so each re-parse sees at least twice as
  // much of it and the total work stays linear.
  if (size_ > capacity_ / 2) Grow();
  while (size_ < capacity_ && !eof_) {
    CT_ASSIGN_OR_RETURN(size_t got, source_->Read(buf_.get() + size_, capacity_ - size_));
    if (got == 0) eof_ = true;
    size_ += got;
  }
  std::memset(buf_.get() + size_, 0, kPadding);  // the NUL sentinel and a defined look-ahead
  return OkStatus();
}

size_t CountNewlines(const char* p, const char* end) {
  size_t n = 0;
#ifdef __SSE2__
  // Byte-wise counters (cmpeq gives -1 per match), summed with psadbw before they can
  // overflow: no popcount instruction needed.
  const __m128i nl = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  auto sum = [&](__m128i counts) {
    __m128i s = _mm_sad_epu8(counts, zero);
    return static_cast<size_t>(_mm_cvtsi128_si32(s) + _mm_extract_epi16(s, 4));
  };
  __m128i counts = zero;
  int blocks = 0;
  for (; end - p >= 16; p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, nl));
    if (++blocks == 255) {
      n += sum(counts);
      counts = zero;
      blocks = 0;
    }
  }
  n += sum(counts);
#endif
  for (; p < end; ++p) n += *p == '\n';
  return n;
}

uint64_t LineTracker::AdvanceLong(const char* from, const char* to) {
  uint64_t lines = CountNewlines(from, to);
  if (lines > 0) {
    const char* last = to - 1;
    while (*last != '\n') --last;
    line_ += lines;
    line_start_ = offset_ + static_cast<uint64_t>(last - from) + 1;
  }
  offset_ += static_cast<uint64_t>(to - from);
  return lines;
}

}  // namespace cloud_tasks::taskfile
