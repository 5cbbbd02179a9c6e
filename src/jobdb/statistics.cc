#include "jobdb/statistics.h"

#include <algorithm>
#include <cmath>

#include "core/logging.h"
#include "jobdb/task_status.h"

namespace cloud_tasks::jobdb {
namespace {

std::optional<SystemTime> ParseStoredTime(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  Result<SystemTime> t = ParseIsoTime(*text);
  if (!t.ok()) {
    LogWarning("Ignoring unreadable timestamp '{}' in the job database", *text);
    return std::nullopt;
  }
  return *t;
}

int64_t CountOf(const std::map<std::string, int64_t>& counts, std::string_view status) {
  auto it = counts.find(std::string(status));
  return it == counts.end() ? 0 : it->second;
}

void FillCounts(JobStatistics& stats) {
  for (const auto& [status, count] : stats.counts) {
    stats.total += count;
    if (!IsTerminalStatus(status)) stats.remaining += count;
  }
  stats.pending = CountOf(stats.counts, kStatusPending);
  stats.in_queue_original = CountOf(stats.counts, kStatusInQueueOriginal);
  stats.completed = CountOf(stats.counts, kStatusCompleted);
  stats.heard_from = stats.total - stats.pending - stats.in_queue_original;
}

void FillWallClock(JobStatistics& stats, const TaskTimeRange& range, SystemTime now) {
  stats.first_enqueued_at = ParseStoredTime(range.first_enqueued_at);
  stats.last_completed_at = ParseStoredTime(range.last_completed_at);
  if (!stats.first_enqueued_at) return;
  SystemTime end = stats.last_completed_at.value_or(now);
  double seconds = std::chrono::duration<double>(end - *stats.first_enqueued_at).count();
  stats.wall_seconds = seconds;
  if (stats.completed > 0 && seconds > 0) {
    stats.tasks_per_hour = static_cast<double>(stats.completed) / (seconds / 3600.0);
  }
}

}  // namespace

double Percentile(const std::vector<double>& sorted, double p) {
  const double rank = p / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(rank));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double fraction = rank - static_cast<double>(lo);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * fraction;
}

ElapsedStats ComputeElapsedStats(std::vector<double> values) {
  ElapsedStats stats;
  if (values.empty()) return stats;
  std::sort(values.begin(), values.end());
  const auto n = static_cast<double>(values.size());
  stats.count = static_cast<int64_t>(values.size());
  stats.min = values.front();
  stats.max = values.back();
  double sum = 0;
  for (double v : values) sum += v;
  stats.mean = sum / n;
  double squares = 0;  // second pass: numerically stable for large counts
  for (double v : values) squares += (v - stats.mean) * (v - stats.mean);
  stats.stddev = std::sqrt(squares / n);
  stats.median = Percentile(values, 50);
  stats.p90 = Percentile(values, 90);
  stats.p95 = Percentile(values, 95);
  return stats;
}

Result<JobStatistics> CollectStatistics(JobStore& store, const StatisticsOptions& options) {
  JobStatistics stats;
  CT_ASSIGN_OR_RETURN(stats.counts, store.CountsByStatus());
  FillCounts(stats);
  if (stats.remaining > 0 && static_cast<size_t>(stats.remaining) <= options.max_remaining_ids) {
    CT_ASSIGN_OR_RETURN(stats.remaining_ids, store.RemainingTaskIds(options.max_remaining_ids));
  }
  CT_ASSIGN_OR_RETURN(ElapsedSamples samples, store.ElapsedTimes());
  stats.elapsed_completed = ComputeElapsedStats(std::move(samples.completed));
  stats.elapsed_all = ComputeElapsedStats(std::move(samples.all));
  CT_ASSIGN_OR_RETURN(stats.top_exceptions, store.TopExceptions(options.max_exceptions));
  CT_ASSIGN_OR_RETURN(stats.spot_termination_hosts, store.SpotTerminationHosts());
  CT_ASSIGN_OR_RETURN(TaskTimeRange range, store.TimeRange());
  FillWallClock(stats, range, options.now.value_or(store.Now()));
  return stats;
}

}  // namespace cloud_tasks::jobdb
