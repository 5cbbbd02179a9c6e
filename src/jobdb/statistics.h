#pragma once
/// Job statistics for the periodic summary and the final report (CLI-62, DB-08), with
/// BUG-DB-02 fixed (`heard_from` excludes tasks never sent, i.e. still `pending`) and
/// BUG-DB-05 fixed (elapsed-time statistics are given separately for completed tasks
/// and for every task that has an elapsed time).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time_util.h"
#include "jobdb/job_store.h"

namespace cloud_tasks::jobdb {

/// Summary of a set of elapsed times (seconds). All zero when count == 0.
struct ElapsedStats {
  int64_t count = 0;
  double min = 0, max = 0, mean = 0;
  double stddev = 0;                    ///< population standard deviation
  double median = 0, p90 = 0, p95 = 0;  ///< linear interpolation between closest ranks
};

/// Percentile `p` (0..100) of sorted, non-empty `sorted` with linear interpolation
/// (numpy's default): rank = p/100·(n−1), interpolated between its two neighbours.
double Percentile(const std::vector<double>& sorted, double p);

/// Computes every field of ElapsedStats from `values` (any order).
ElapsedStats ComputeElapsedStats(std::vector<double> values);

struct JobStatistics {
  std::map<std::string, int64_t> counts;  ///< per status, sorted by name
  int64_t total = 0;
  int64_t pending = 0;            ///< inserted, never sent to the queue
  int64_t in_queue_original = 0;  ///< sent, nothing heard yet
  int64_t heard_from = 0;         ///< total − pending − in_queue_original
  int64_t completed = 0;          ///< status `completed`
  int64_t remaining = 0;          ///< non-terminal tasks
  /// Ids of the remaining tasks (sorted) when 1..max_remaining_ids remain, else empty.
  std::vector<std::string> remaining_ids;
  ElapsedStats elapsed_completed;              ///< over status `completed`
  ElapsedStats elapsed_all;                    ///< over every task with an elapsed time
  std::vector<ExceptionCount> top_exceptions;  ///< most frequent first
  std::vector<std::string> spot_termination_hosts;
  std::optional<SystemTime> first_enqueued_at;
  std::optional<SystemTime> last_completed_at;
  /// Wall-clock seconds from first_enqueued_at to last_completed_at (or `now` when no
  /// task has completed yet); nullopt without first_enqueued_at.
  std::optional<double> wall_seconds;
  /// completed ÷ wall hours, when both are positive.
  std::optional<double> tasks_per_hour;
};

struct StatisticsOptions {
  size_t max_exceptions = 10;
  size_t max_remaining_ids = 49;                 ///< CLI-62 lists ids when fewer than 50 remain
  std::optional<SystemTime> now = std::nullopt;  ///< default: the store's clock
};

/// Gathers JobStatistics from `store` (several read queries).
Result<JobStatistics> CollectStatistics(JobStore& store, const StatisticsOptions& options = {});

}  // namespace cloud_tasks::jobdb
