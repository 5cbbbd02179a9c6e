#pragma once
/// UTF-8 checks used by the JSON scanner (well-formed UTF-8 per Unicode table 3-7: no
/// overlong forms, no surrogates, nothing above U+10FFFF).

#include <cstdint>
#include <string>

namespace cloud_tasks::taskfile {

/// Checks the multi-byte sequence whose lead byte (>= 0x80) is at `p`, reading no further
/// than `end`. Returns its length (2..4) when well formed, 0 when invalid, and -1 when it
/// is a valid prefix cut short by `end` (more input is needed to decide).
int Utf8SequenceLength(const char* p, const char* end);

/// Appends code point `cp` (a Unicode scalar value) encoded as UTF-8.
void AppendUtf8(uint32_t cp, std::string& out);

}  // namespace cloud_tasks::taskfile
