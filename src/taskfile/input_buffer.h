#pragma once
/// A sliding window over a ByteSource for the JSON scanner, and line/column tracking.
///
/// The window [begin(), end()) always ends with a NUL sentinel at *end() followed by
/// kPadding readable bytes, so scanners can look ahead 16 bytes at a time without bounds
/// checks. Refill keeps the bytes from a given offset on (the item being parsed) so every
/// item is contiguous in memory; the capacity doubles when that item fills half of it.

#include <cstdint>
#include <memory>

#include "taskfile/byte_source.h"

namespace cloud_tasks::taskfile {

class InputBuffer {
 public:
  static constexpr size_t kPadding = 64;
  static constexpr size_t kDefaultCapacity = size_t{1} << 20;

  /// `capacity` is the initial window size (tests use tiny ones to split tokens).
  explicit InputBuffer(std::unique_ptr<ByteSource> source, size_t capacity = kDefaultCapacity);

  const char* begin() const { return buf_.get(); }
  const char* end() const { return buf_.get() + size_; }
  /// True once the source is exhausted: nothing will follow end().
  bool eof() const { return eof_; }
  uint64_t OffsetOf(const char* p) const { return base_ + static_cast<uint64_t>(p - begin()); }
  /// Pointer for a file offset inside the window.
  const char* At(uint64_t offset) const { return begin() + (offset - base_); }
  size_t capacity() const { return capacity_; }

  /// Drops the bytes before file offset `keep` (which must be inside the window) and
  /// reads until the window is full or the source ends.
  Status Refill(uint64_t keep);

 private:
  void Grow();

  std::unique_ptr<ByteSource> source_;
  std::unique_ptr<char[]> buf_;
  size_t capacity_;
  size_t size_ = 0;
  uint64_t base_ = 0;  // file offset of begin()
  bool eof_ = false;
};

/// 1-based line and column (bytes) of a file offset.
struct TextPosition {
  uint64_t line = 1;
  uint64_t column = 1;
};

/// Counts newlines as a cursor moves forward through the file.
class LineTracker {
 public:
  /// Moves from the current offset to `to`, where `from` points at the current offset's
  /// byte and [from, to) is in memory. Returns the number of newlines passed.
  uint64_t Advance(const char* from, const char* to) {
    if (to - from > 16) return AdvanceLong(from, to);
    uint64_t lines = 0;  // short hops between tokens: a plain loop beats the SIMD setup
    for (const char* p = from; p < to; ++p) {
      if (*p == '\n') {
        ++lines;
        line_start_ = offset_ + static_cast<uint64_t>(p - from) + 1;
      }
    }
    line_ += lines;
    offset_ += static_cast<uint64_t>(to - from);
    return lines;
  }
  /// Advance over bytes known to hold no newline.
  void AdvanceWithinLine(const char* from, const char* to) { offset_ += static_cast<uint64_t>(to - from); }
  uint64_t offset() const { return offset_; }
  TextPosition position() const { return {line_, offset_ - line_start_ + 1}; }

 private:
  uint64_t AdvanceLong(const char* from, const char* to);

  uint64_t offset_ = 0;
  uint64_t line_ = 1;
  uint64_t line_start_ = 0;  // offset of the first byte of the current line
};

/// Number of '\n' bytes in [p, end).
size_t CountNewlines(const char* p, const char* end);

}  // namespace cloud_tasks::taskfile
