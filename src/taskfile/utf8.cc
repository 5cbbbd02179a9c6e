#include "taskfile/utf8.h"

namespace cloud_tasks::taskfile {
namespace {

struct LeadInfo {
  int length;            // 0: not a valid lead byte
  unsigned char lo, hi;  // allowed range of the first continuation byte
};

LeadInfo Lead(unsigned char b) {
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};  // excludes surrogates
  if (b >= 0xE1 && b <= 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};
}

}  // namespace

int Utf8SequenceLength(const char* p, const char* end) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  LeadInfo info = Lead(s[0]);
  if (info.length == 0) return 0;
  for (int i = 1; i < info.length; ++i) {
    if (p + i >= end) return -1;
    unsigned char lo = i == 1 ? info.lo : 0x80;
    unsigned char hi = i == 1 ? info.hi : 0xBF;
    if (s[i] < lo || s[i] > hi) return 0;
  }
  return info.length;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace cloud_tasks::taskfile
