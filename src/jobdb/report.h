#pragma once
/// Report text built from JobStatistics (CLI-60, CLI-62). Pure functions returning lines
/// (no trailing newlines); the caller logs or prints them.
///
/// Statistics block (`header` is `Summary:`, `Final:` or `Status:`):
///   Summary:
///     Total tasks: 10
///     Heard from: 7
///       completed: 5                 (one line per status other than pending and
///       exception: 2                  in_queue_original, sorted by name)
///     Still in original queue: 2
///     Not yet sent to queue: 1       (only when some tasks are still `pending`)
///     Exceptions:
///            2: ValueError: bad      (`%6d: text`, top 10, multi-line texts shown as
///                                     `first line...last line`, cut to 100 characters)
///     Elapsed time statistics, completed tasks (5):
///       Range:  1.00 to 5.00 seconds
///       Mean:   3.00 +/- 1.41 seconds
///       Median: 3.00 seconds
///       90th %: 4.60 seconds
///       95th %: 4.80 seconds
///     Elapsed time statistics, all tasks with an elapsed time (7):
///       ... (same five lines)
///     Remaining tasks: a, b          (when 1–49 tasks remain)
///     Elapsed time: 0h 8m 27s
///     Tasks/hour: 70987.6
///     Spot terminations: 2 hosts
///       host-a
///       host-b
///   (blank line)

#include <string>
#include <string_view>
#include <vector>

#include "jobdb/statistics.h"

namespace cloud_tasks::jobdb {

/// Width of the `=` rule around the final report.
inline constexpr size_t kReportRuleWidth = 60;
/// Characters of an exception text shown in a report.
inline constexpr size_t kExceptionDisplayChars = 100;

/// An exception text as shown in reports: surrounding white space removed, a text of
/// several lines shown as `first line...last line`, cut to 100 characters (UTF-8 safe).
std::string ExceptionDisplayText(std::string_view text);

/// The statistics block of CLI-62 under `header`.
std::vector<std::string> StatisticsBlockLines(const JobStatistics& stats, std::string_view header);

/// The final report of CLI-60: blank line, 60-char `=` rule, blank, the
/// `*** JOB COMPLETE ***` banner, blank, `Total tasks: N`, `  <Status>: n` per status
/// present (status capitalised), the statistics block under `Final:`, the `=` rule.
std::vector<std::string> FinalReportLines(const JobStatistics& stats);

}  // namespace cloud_tasks::jobdb
