#include "jobdb/report.h"

#include <fmt/format.h>

#include "core/strings.h"
#include "core/time_util.h"
#include "jobdb/task_status.h"

namespace cloud_tasks::jobdb {
namespace {

// First `max_chars` code points of UTF-8 `s` (Python's s[:100]).
std::string FirstCodePoints(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max_chars) return std::string(s.substr(0, i));
    ++chars;
  }
  return std::string(s);
}

std::string_view WithoutCarriageReturn(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

void AppendElapsed(std::vector<std::string>& lines, const ElapsedStats& e, std::string_view label) {
  if (e.count == 0) return;
  lines.push_back(fmt::format("  Elapsed time statistics, {} ({}):", label, e.count));
  lines.push_back(fmt::format("    Range:  {:.2f} to {:.2f} seconds", e.min, e.max));
  lines.push_back(fmt::format("    Mean:   {:.2f} +/- {:.2f} seconds", e.mean, e.stddev));
  lines.push_back(fmt::format("    Median: {:.2f} seconds", e.median));
  lines.push_back(fmt::format("    90th %: {:.2f} seconds", e.p90));
  lines.push_back(fmt::format("    95th %: {:.2f} seconds", e.p95));
}

void AppendCounts(std::vector<std::string>& lines, const JobStatistics& stats) {
  lines.push_back(fmt::format("  Total tasks: {}", stats.total));
  lines.push_back(fmt::format("  Heard from: {}", stats.heard_from));
  for (const auto& [status, count] : stats.counts) {
    if (status == kStatusPending || status == kStatusInQueueOriginal) continue;
    lines.push_back(fmt::format("    {}: {}", status, count));
  }
  lines.push_back(fmt::format("  Still in original queue: {}", stats.in_queue_original));
  if (stats.pending > 0) lines.push_back(fmt::format("  Not yet sent to queue: {}", stats.pending));
}

void AppendExceptions(std::vector<std::string>& lines, const JobStatistics& stats) {
  if (stats.top_exceptions.empty()) return;
  lines.push_back("  Exceptions:");
  for (const auto& e : stats.top_exceptions) {
    lines.push_back(fmt::format("    {:6d}: {}", e.count, ExceptionDisplayText(e.text)));
  }
}

void AppendWallClock(std::vector<std::string>& lines, const JobStatistics& stats) {
  if (!stats.wall_seconds) return;
  lines.push_back(fmt::format("  Elapsed time: {}", FormatHms(*stats.wall_seconds)));
  if (stats.tasks_per_hour) lines.push_back(fmt::format("  Tasks/hour: {:.1f}", *stats.tasks_per_hour));
}

void AppendSpot(std::vector<std::string>& lines, const JobStatistics& stats) {
  if (stats.spot_termination_hosts.empty()) return;
  lines.push_back(fmt::format("  Spot terminations: {} hosts", stats.spot_termination_hosts.size()));
  for (const auto& host : stats.spot_termination_hosts) lines.push_back("    " + host);
}

std::string Capitalize(std::string_view s) {
  std::string out = ToLower(s);
  if (!out.empty()) out[0] = ToUpper(out.substr(0, 1))[0];
  return out;
}

}  // namespace

std::string ExceptionDisplayText(std::string_view text) {
  std::string_view trimmed = Trim(text);
  size_t first_end = trimmed.find('\n');
  if (first_end == std::string_view::npos) return FirstCodePoints(trimmed, kExceptionDisplayChars);
  std::string_view first = WithoutCarriageReturn(trimmed.substr(0, first_end));
  std::string_view last = trimmed.substr(trimmed.rfind('\n') + 1);
  std::string shown = fmt::format("{}...{}", first, WithoutCarriageReturn(last));
  return FirstCodePoints(shown, kExceptionDisplayChars);
}

std::vector<std::string> StatisticsBlockLines(const JobStatistics& stats, std::string_view header) {
  std::vector<std::string> lines{std::string(header)};
  AppendCounts(lines, stats);
  AppendExceptions(lines, stats);
  AppendElapsed(lines, stats.elapsed_completed, "completed tasks");
  AppendElapsed(lines, stats.elapsed_all, "all tasks with an elapsed time");
  if (!stats.remaining_ids.empty()) {
    lines.push_back(fmt::format("  Remaining tasks: {}", Join(stats.remaining_ids, ", ")));
  }
  AppendWallClock(lines, stats);
  AppendSpot(lines, stats);
  lines.emplace_back();
  return lines;
}

std::vector<std::string> FinalReportLines(const JobStatistics& stats) {
  const std::string rule(kReportRuleWidth, '=');
  std::vector<std::string> lines{
      "", rule, "", "********************", "*** JOB COMPLETE ***", "********************", ""};
  lines.push_back(fmt::format("Total tasks: {}", stats.total));
  for (const auto& [status, count] : stats.counts) {
    lines.push_back(fmt::format("  {}: {}", Capitalize(status), count));
  }
  for (auto& line : StatisticsBlockLines(stats, "Final:")) lines.push_back(std::move(line));
  lines.push_back(rule);
  return lines;
}

}  // namespace cloud_tasks::jobdb
