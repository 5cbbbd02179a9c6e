#include "taskfile/json_scanner.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "taskfile/utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace cloud_tasks::taskfile {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 4 hex digits at p as a code unit, or -1.
int32_t Hex4(const char* p) {
  int32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    int h = HexValue(p[i]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// First byte at or after p that ends a run of plain string bytes: '"', '\\', a control
// byte (< 0x20, which includes the NUL sentinel) or a non-ASCII byte (>= 0x80). The
// sentinel guarantees a stop; reads may run up to 15 bytes past it (the padding).
const char* FindStringSpecial(const char* p) {
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  for (;; p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compare: bytes >= 0x80 are negative, so "< 0x20" catches them too.
    __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                   _mm_cmplt_epi8(v, space));
    int mask = _mm_movemask_epi8(special);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
  }
#else
  for (;; ++p) {
    auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return p;
  }
#endif
}

}  // namespace

std::string JsonScanner::DescribeByte(const char* p) {
  auto c = static_cast<unsigned char>(*p);
  char text[16];
  if (c > 0x20 && c < 0x7F) {
    std::snprintf(text, sizeof text, "'%c'", c);
  } else {
    std::snprintf(text, sizeof text, "byte 0x%02X", c);
  }
  return text;
}

const char* JsonScanner::Fail(const char* at, std::string message) {
  status_ = ScanStatus::kError;
  error_at_ = at;
  error_ = std::move(message);
  capture_ = nullptr;
  return nullptr;
}

const char* JsonScanner::NeedMore() {
  status_ = ScanStatus::kNeedMore;
  capture_ = nullptr;
  return nullptr;
}

const char* JsonScanner::NeedMoreOr(const char* at, const char* message) {
  if (eof_) return Fail(at, message);
  return NeedMore();
}

const char* JsonScanner::Unexpected(const char* p, const char* expected) {
  if (p == end_) {
    if (!eof_) return NeedMore();
    return Fail(p, std::string("invalid JSON: unexpected end of file, expected ") + expected);
  }
  return Fail(p, "invalid JSON: unexpected " + DescribeByte(p) + ", expected " + expected);
}

const char* JsonScanner::SkipWsSlow(const char* p) {
  const char* q = p;
  bool newline = false;
  do {
    newline |= *q == '\n';
    ++q;
  } while (IsWs(*q));
  newline_seen_ |= newline;
  if (capture_ != nullptr) {  // drop the whitespace from the compact copy
    capture_->append(capture_from_, p);
    capture_from_ = q;
  }
  return q;
}

const char* JsonScanner::TypeNameAt(const char* p) {
  switch (*p) {
    case '{':
      return "object";
    case '[':
      return "array";
    case '"':
      return "string";
    case 't':
    case 'f':
      return "boolean";
    case 'n':
      return "null";
    default:
      return *p == '-' || IsDigit(*p) ? "number" : nullptr;
  }
}

const char* JsonScanner::Value(const char* p, int depth) {
  switch (*p) {
    case '{':
      return Object(p, depth);
    case '[':
      return Array(p, depth);
    case '"':
      return String(p, nullptr);
    case 't':
      return Literal(p, "true");
    case 'f':
      return Literal(p, "false");
    case 'n':
      return Literal(p, "null");
    default:
      if (*p == '-' || IsDigit(*p)) return Number(p);
      return Unexpected(p, "a JSON value");
  }
}

const char* JsonScanner::Object(const char* p, int depth) {
  if (depth >= kMaxDepth) return Fail(p, "nesting deeper than 512 levels");
  p = Ws(p + 1);
  if (*p == '}') return p + 1;
  for (;;) {
    if (*p != '"') return Unexpected(p, "a string key");
    p = String(p, nullptr);
    if (p == nullptr) return nullptr;
    p = Ws(p);
    if (*p != ':') return Unexpected(p, "':' after an object key");
    p = Value(Ws(p + 1), depth + 1);
    if (p == nullptr) return nullptr;
    p = Ws(p);
    if (*p == ',') {
      p = Ws(p + 1);
      if (*p == '}') return Fail(p, "invalid JSON: trailing comma before '}'");
      continue;
    }
    if (*p == '}') return p + 1;
    return Unexpected(p, "',' or '}' after an object member");
  }
}

const char* JsonScanner::Array(const char* p, int depth) {
  if (depth >= kMaxDepth) return Fail(p, "nesting deeper than 512 levels");
  p = Ws(p + 1);
  if (*p == ']') return p + 1;
  for (;;) {
    p = Value(p, depth + 1);
    if (p == nullptr) return nullptr;
    p = Ws(p);
    if (*p == ',') {
      p = Ws(p + 1);
      if (*p == ']') return Fail(p, "invalid JSON: trailing comma before ']'");
      continue;
    }
    if (*p == ']') return p + 1;
    return Unexpected(p, "',' or ']' after an array element");
  }
}

const char* JsonScanner::String(const char* p, bool* escaped) {
  const char* start = p++;
  bool any_escape = false;
  for (;;) {
    p = FindStringSpecial(p);
    auto c = static_cast<unsigned char>(*p);
    if (c == '"') {
      if (escaped != nullptr) *escaped = any_escape;
      return p + 1;
    }
    if (c == '\\') {
      any_escape = true;
      p = Escape(p, start);
      if (p == nullptr) return nullptr;
    } else if (c < 0x20) {
      if (p == end_) return NeedMoreOr(start, "invalid JSON: unterminated string");
      char text[96];
      std::snprintf(text, sizeof text,
                    "invalid JSON: control character U+%04X in a string (write it as an escape)", c);
      return Fail(p, text);
    } else {
      int n = Utf8SequenceLength(p, end_);
      if (n > 0) {
        p += n;
      } else if (n < 0) {
        return NeedMoreOr(p, "invalid UTF-8: truncated sequence at the end of the file");
      } else {
        char text[64];
        std::snprintf(text, sizeof text, "invalid UTF-8 byte 0x%02X in a string", c);
        return Fail(p, text);
      }
    }
  }
}

const char* JsonScanner::Escape(const char* p, const char* string_start) {
  switch (p[1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      return p + 2;
    case 'u':
      return UnicodeEscape(p);
    default:
      if (p + 1 == end_) return NeedMoreOr(string_start, "invalid JSON: unterminated string");
      return Fail(p, "invalid JSON: bad escape \\" + DescribeByte(p + 1) +
                         " (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
  }
}

const char* JsonScanner::UnicodeEscape(const char* p) {
  // Wait for a whole surrogate pair (12 bytes) unless the input is exhausted.
  if (end_ - p < 12 && !eof_) return NeedMore();
  int32_t unit = Hex4(p + 2);
  if (unit < 0) return Fail(p, "invalid JSON: \\u must be followed by 4 hex digits");
  if (unit >= 0xDC00 && unit <= 0xDFFF) {
    return Fail(p, "invalid JSON: unpaired low surrogate in \\u escape");
  }
  if (unit < 0xD800 || unit > 0xDBFF) return p + 6;
  int32_t low = p[6] == '\\' && p[7] == 'u' ? Hex4(p + 8) : -1;
  if (low < 0xDC00 || low > 0xDFFF) {
    return Fail(p, "invalid JSON: high surrogate in \\u escape not followed by a low surrogate");
  }
  return p + 12;
}

const char* JsonScanner::Number(const char* p) {
  const char* start = p;
  if (*p == '-') ++p;
  if (*p == '0') {
    ++p;
    if (IsDigit(*p)) return Fail(start, "invalid JSON: number with a leading zero");
  } else if (IsDigit(*p)) {
    while (IsDigit(*p)) ++p;
  } else {
    return Unexpected(p, "a digit");
  }
  if (*p == '.') {
    if (!IsDigit(*++p)) return Unexpected(p, "a digit after the decimal point");
    while (IsDigit(*p)) ++p;
  }
  if (*p == 'e' || *p == 'E') {
    ++p;
    if (*p == '+' || *p == '-') ++p;
    if (!IsDigit(*p)) return Unexpected(p, "a digit in the exponent");
    while (IsDigit(*p)) ++p;
  }
  // A number that touches the end of the window may continue in the next read.
  if (p == end_ && !eof_) return NeedMore();
  return p;
}

const char* JsonScanner::Literal(const char* p, std::string_view word) {
  if (end_ - p < static_cast<std::ptrdiff_t>(word.size()) && !eof_) return NeedMore();
  // With the input exhausted a short tail compares against the sentinel and fails.
  if (std::memcmp(p, word.data(), word.size()) != 0) {
    if (end_ - p < static_cast<std::ptrdiff_t>(word.size()))
      return Fail(end_, "invalid JSON: unexpected end of file in a literal");
    return Fail(p, "invalid JSON: unknown literal (expected true, false or null)");
  }
  return p + word.size();
}

void JsonScanner::DecodeString(const char* p, const char* end, std::string& out) {
  out.clear();
  while (p < end) {
    const char* backslash = static_cast<const char*>(std::memchr(p, '\\', static_cast<size_t>(end - p)));
    if (backslash == nullptr) backslash = end;
    out.append(p, backslash);
    if (backslash == end) return;
    p = backslash + 2;
    switch (backslash[1]) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        auto cp = static_cast<uint32_t>(Hex4(backslash + 2));
        p = backslash + 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // validated: a low surrogate follows
          cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(Hex4(p + 2)) - 0xDC00);
          p += 6;
        }
        AppendUtf8(cp, out);
        break;
      }
      default:
        out += backslash[1];
        break;  // " \ /
    }
  }
}

}  // namespace cloud_tasks::taskfile
