#include "core/time_util.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

namespace cloud_tasks {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool ReadDigits(std::string_view s, size_t& pos, size_t count, int& out) {
  if (pos + count > s.size()) return false;
  out = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    out = out * 10 + (c - '0');
  }
  pos += count;
  return true;
}

bool Expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

SystemTime NowUtc() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

std::string FormatIsoUtc(SystemTime t) {
  using namespace std::chrono;
  auto days = floor<std::chrono::days>(t);
  year_month_day ymd{days};
  auto tod = t - days;
  auto h = duration_cast<hours>(tod);
  auto m = duration_cast<minutes>(tod - h);
  auto s = duration_cast<seconds>(tod - h - m);
  auto us = duration_cast<microseconds>(tod - h - m - s);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}.{:06d}+00:00", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), h.count(),
                     m.count(), s.count(), us.count());
}

Result<SystemTime> ParseIsoTime(std::string_view text) {
  auto bad = [&] {
    return InvalidArgumentError(
        fmt::format("invalid timestamp '{}': expected ISO-8601 like 2024-01-31T12:00:00Z", text));
  };
  size_t pos = 0;
  int y, mo, d, h, mi, s;
  if (!ReadDigits(text, pos, 4, y) || !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, mo) ||
      !Expect(text, pos, '-') || !ReadDigits(text, pos, 2, d))
    return bad();
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != ' ')) return bad();
  ++pos;
  if (!ReadDigits(text, pos, 2, h) || !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, mi) ||
      !Expect(text, pos, ':') || !ReadDigits(text, pos, 2, s))
    return bad();
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return bad();
  int64_t micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      if (digits < 6) micros = micros * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return bad();
    for (int i = digits; i < 6; ++i) micros *= 10;
  }
  int64_t offset_minutes = 0;
  if (pos < text.size()) {
    char c = text[pos];
    if (c == 'Z' || c == 'z') {
      ++pos;
    } else if (c == '+' || c == '-') {
      ++pos;
      int oh, om;
      if (!ReadDigits(text, pos, 2, oh)) return bad();
      if (pos < text.size() && text[pos] == ':') ++pos;
      if (!ReadDigits(text, pos, 2, om)) return bad();
      offset_minutes = (c == '+' ? 1 : -1) * (oh * 60 + om);
    } else {
      return bad();
    }
  }
  if (pos != text.size()) return bad();
  int64_t secs = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset_minutes * 60;
  return SystemTime(std::chrono::microseconds(secs * 1000000 + micros));
}

std::string FormatHms(double seconds) {
  if (!(seconds > 0)) seconds = 0;
  auto total = static_cast<int64_t>(std::llround(seconds));
  return fmt::format("{}h {}m {}s", total / 3600, (total / 60) % 60, total % 60);
}

}  // namespace cloud_tasks
