// bench_jobdb: throughput of the SQLite job store on the manager's hot paths.
//
//   bench_jobdb [--tasks N (default 1000000)] [--dir D] [--batch B] [--event-batch E] [--cache-mib M]
//
// Phases (each timed on its own, input generation excluded):
//   1. insert N tasks (ids like the example job, ~60-byte data JSON) in batches of B;
//   2. mark them enqueued in batches of B;
//   3. apply N task_completed events given as JSON text spaced like the Python worker's
//      json.dumps (parse + de-duplication probe + events row + task update), E per batch;
//   4. re-apply 10% of the events (redelivery: every one must be a duplicate);
//   5. collect the report statistics once.
// Also times decoding alone (JSON parse + checks, no SQLite) for comparison, and the
// peer of phase 3 (sqlite_floor.h): the bare SQLite writes one event needs with the
// original's schema, through the C API, in a second file. Prints rows per second for
// each phase, the ratio of phase 3 to that floor, and the database size.

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/time_util.h"
#include "jobdb/job_store.h"
#include "jobdb/statistics.h"
#include "sqlite_floor.h"

namespace {

using cloud_tasks::jobdb::JobStore;
using cloud_tasks::jobdb::NewTask;
using Clock = std::chrono::steady_clock;

struct Args {
  size_t tasks = 1000000;
  std::string dir = "/tmp";
  size_t batch = cloud_tasks::jobdb::kDefaultBatchSize;
  size_t event_batch = 1000;
  int cache_mib = cloud_tasks::jobdb::JobStoreOptions{}.cache_mib;
};

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    std::string value = argv[++i];
    if (flag == "--tasks") {
      args.tasks = std::stoull(value);
    } else if (flag == "--dir") {
      args.dir = value;
    } else if (flag == "--batch") {
      args.batch = std::stoull(value);
    } else if (flag == "--event-batch") {
      args.event_batch = std::stoull(value);
    } else if (flag == "--cache-mib") {
      args.cache_mib = std::stoi(value);
    } else {
      return false;
    }
  }
  return args.tasks > 0 && args.batch > 0 && args.event_batch > 0;
}

std::string TaskData(size_t i) {
  return fmt::format(R"({{"num1": {}, "num2": {}, "label": "batch-{:04d}"}})",
                     static_cast<int>(i * 7919 % 199999) - 99999,
                     static_cast<int>(i * 104729 % 199999) - 99999, i % 10000);
}

std::string TaskId(size_t i) { return fmt::format("addition-task-{:07d}", i + 1); }

// Like the Python worker's json.dumps(event): ", " and ": " separators, +00:00 times.
// Deterministic in `i`, so a redelivered event is byte-identical to the first copy.
std::string CompletedEvent(size_t i) {
  double elapsed = 0.5 + static_cast<double>((i * 7919) % 29500) / 1000.0;
  int64_t secs = 1714557600 + static_cast<int64_t>(i / 50);
  auto t = cloud_tasks::SystemTime(
      std::chrono::microseconds(secs * 1000000 + static_cast<int64_t>(i % 997) * 1000));
  return fmt::format(
      R"({{"timestamp": "{}", "hostname": "rmscr-bench-{:02d}-8f3c2a9b1d4e", "event_type": "task_completed", )"
      R"("task_id": "{}", "retry": false, "elapsed_time": {:.6f}, "result": {}}})",
      cloud_tasks::FormatIsoUtc(t), i % 40, TaskId(i), elapsed, static_cast<int64_t>(i % 199997) - 99998);
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void Report(const char* phase, size_t rows, double seconds) {
  fmt::print("{:<28} {:>9} rows in {:7.3f} s  = {:>10.0f} rows/s\n", phase, rows, seconds, rows / seconds);
}

[[noreturn]] void Die(const cloud_tasks::Status& status) {
  fmt::print(stderr, "bench_jobdb: {}\n", status.ToString());
  std::exit(1);
}

double InsertPhase(JobStore& store, const Args& args) {
  double total = 0;
  std::vector<NewTask> batch;
  for (size_t start = 0; start < args.tasks; start += args.batch) {
    batch.clear();
    for (size_t i = start; i < std::min(args.tasks, start + args.batch); ++i) {
      batch.push_back({TaskId(i), TaskData(i)});
    }
    auto t0 = Clock::now();
    if (auto s = store.InsertTasks(batch); !s.ok()) Die(s);
    total += Seconds(t0);
  }
  return total;
}

double MarkPhase(JobStore& store, const Args& args) {
  double total = 0;
  std::vector<std::string> ids;
  for (size_t start = 0; start < args.tasks; start += args.batch) {
    ids.clear();
    for (size_t i = start; i < std::min(args.tasks, start + args.batch); ++i) ids.push_back(TaskId(i));
    auto t0 = Clock::now();
    auto changed = store.MarkEnqueued(ids);
    if (!changed.ok()) Die(changed.status());
    total += Seconds(t0);
  }
  return total;
}

// Applies events for tasks [0, count) in steps of `stride` (1 = all); returns seconds and
// checks the expected outcome counts.
double EventPhase(JobStore& store, const Args& args, size_t stride, bool expect_duplicates) {
  double total = 0;
  std::vector<std::string> batch;
  for (size_t i = 0; i < args.tasks;) {
    batch.clear();
    for (; i < args.tasks && batch.size() < args.event_batch; i += stride) batch.push_back(CompletedEvent(i));
    auto t0 = Clock::now();
    auto stats = store.ApplyEventTexts(batch);
    total += Seconds(t0);
    if (!stats.ok()) Die(stats.status());
    int64_t expected = static_cast<int64_t>(batch.size());
    if ((expect_duplicates ? stats->duplicates : stats->applied) != expected || !stats->errors.empty()) {
      Die(cloud_tasks::InternalError(fmt::format("unexpected outcome: applied {} duplicates {} errors {}",
                                                 stats->applied, stats->duplicates, stats->errors.size())));
    }
  }
  return total;
}

// Decoding alone (JSON parse + field checks), to tell parsing cost from SQLite cost.
double DecodePhase(const Args& args) {
  double total = 0;
  for (size_t i = 0; i < args.tasks; ++i) {
    std::string text = CompletedEvent(i);
    auto t0 = Clock::now();
    auto event = cloud_tasks::jobdb::ParseEventText(text);
    total += Seconds(t0);
    if (!event.ok()) Die(event.status());
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    fmt::print(stderr,
               "usage: bench_jobdb [--tasks N] [--dir D] [--batch B] [--event-batch E] [--cache-mib M]\n");
    return 2;
  }
  std::string path = fmt::format("{}/bench_jobdb_{}.db", args.dir, ::getpid());
  auto opened = JobStore::Open(
      {.path = path, .mode = cloud_tasks::jobdb::OpenMode::kCreate, .cache_mib = args.cache_mib});
  if (!opened.ok()) Die(opened.status());
  JobStore& store = **opened;
  fmt::print("bench_jobdb: {} tasks, insert/mark batch {}, event batch {}, file {}\n", args.tasks, args.batch,
             args.event_batch, path);

  Report("insert tasks", args.tasks, InsertPhase(store, args));
  Report("mark enqueued", args.tasks, MarkPhase(store, args));
  Report("decode events only", args.tasks, DecodePhase(args));
  double apply_seconds = EventPhase(store, args, 1, false);
  Report("apply task_completed events", args.tasks, apply_seconds);
  Report("re-apply 10% (duplicates)", (args.tasks + 9) / 10, EventPhase(store, args, 10, true));

  auto t0 = Clock::now();
  auto stats = cloud_tasks::jobdb::CollectStatistics(store);
  if (!stats.ok()) Die(stats.status());
  double stats_seconds = Seconds(t0);
  fmt::print("{:<28} {:7.3f} s (completed {}, complete: {})\n", "collect statistics", stats_seconds,
             stats->completed, stats->remaining == 0);
  // What `run --continue` needs to plan: the remaining count and the mean task time.
  t0 = Clock::now();
  auto remaining = store.RemainingCount();
  auto mean = store.CompletedElapsedMean();
  if (!remaining.ok()) Die(remaining.status());
  if (!mean.ok()) Die(mean.status());
  double light_seconds = Seconds(t0);
  fmt::print("{:<28} {:7.3f} s (remaining {}, mean of {} completed {:.3f} s; statistics / this: {:.1f})\n",
             "continue: remaining + mean", light_seconds, *remaining, mean->count, mean->mean,
             stats_seconds / light_seconds);

  double floor_seconds = bench_jobdb::SqliteFloorEventSeconds({.path = path + ".floor",
                                                               .tasks = args.tasks,
                                                               .insert_batch = args.batch,
                                                               .event_batch = args.event_batch,
                                                               .cache_mib = args.cache_mib,
                                                               .task_id = TaskId,
                                                               .task_data = TaskData,
                                                               .event_text = CompletedEvent});
  Report("peer: bare SQLite writes", args.tasks, floor_seconds);
  fmt::print("apply events / bare SQLite floor: {:.2f} (1.00 = no cost beyond the two row writes)\n",
             floor_seconds / apply_seconds);

  opened->reset();  // close: checkpoints the WAL into the file
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    fmt::print("database size: {:.1f} MiB ({:.0f} bytes/task)\n", st.st_size / 1048576.0,
               static_cast<double>(st.st_size) / static_cast<double>(args.tasks));
  }
  for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
  return 0;
}
