#pragma once
/// Timestamps as the original writes them: ISO-8601 UTC with `+00:00`
/// (e.g. `2026-11-27T23:50:10.123456+00:00`).

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"

namespace cloud_tasks {

using SystemTime = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

SystemTime NowUtc();

/// `YYYY-MM-DDTHH:MM:SS.ffffff+00:00` (microseconds always present).
std::string FormatIsoUtc(SystemTime t);

/// Accepts `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH:MM|±HHMM]`; values without an offset
/// are taken as UTC (DB-04).
Result<SystemTime> ParseIsoTime(std::string_view text);

/// `Hh Mm Ss` for a duration in seconds (report format of CLI-62).
std::string FormatHms(double seconds);

}  // namespace cloud_tasks
