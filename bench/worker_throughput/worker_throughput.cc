// bench_worker_throughput: N trivial tasks (default 2,000), 2 at a time, through
//   - the C++ library worker (this program re-run as a worker, a handler that does nothing),
//   - the command worker: `cloud_tasks worker -- /bin/true`,
// next to, on the same inputs in the same run:
//   - a bare C loop: fork + _exit, 2 at a time (the floor of any fork-per-task runner),
//   - the same loop whose child parses the task's data as JSON and writes a null result as
//     JSON text before _exit: the least a library worker's task process does, and so a
//     ceiling for the library worker (nothing of the worker's own work is in it),
//   - a bare C loop: posix_spawn("/bin/true"), 2 at a time,
//   - `xargs -P2 -n1 /bin/true`,
//   - GNU `parallel -j2 /bin/true` (if installed).
// Prints tasks/s, peak RSS of the runner, and the ratios the goals are stated in.
// Usage: bench_worker_throughput [--tasks N] [--slots K] [--rounds R (default 5)] [--dir D]

#include <cloud_tasks/worker.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

struct Measure {
  std::string name;
  double seconds = 0;
  long max_rss_kb = 0;
  bool ok = false;
};

// Runs argv as a child (stdin from `stdin_path` if given), returns wall time and peak RSS.
Measure RunChild(const std::string& name, const std::vector<std::string>& args,
                 const std::string& stdin_path = "") {
  Measure m{name};
  auto t0 = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!stdin_path.empty()) {
      int fd = ::open(stdin_path.c_str(), O_RDONLY);
      ::dup2(fd, 0);
    }
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  rusage ru{};
  ::wait4(pid, &status, 0, &ru);
  m.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  m.max_rss_kb = ru.ru_maxrss;
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return m;
}

enum class LoopChild { kExit, kJson, kSpawnTrue };

// A C loop keeping `slots` children alive: fork+_exit, fork+JSON+_exit, or posix_spawn
// of /bin/true.
Measure BareLoop(const std::string& name, int tasks, int slots, LoopChild child) {
  Measure m{name};
  auto t0 = Clock::now();
  int running = 0, started = 0;
  char true_path[] = "/bin/true";
  char* argv[] = {true_path, nullptr};
  while (started < tasks || running > 0) {
    while (running < slots && started < tasks) {
      pid_t pid;
      if (child == LoopChild::kSpawnTrue) {
        if (::posix_spawn(&pid, "/bin/true", nullptr, nullptr, argv, environ) != 0) return m;
      } else {
        std::string data = "{\"i\": " + std::to_string(started) + "}";
        pid = ::fork();
        if (pid == 0) {
          if (child == LoopChild::kJson) {
            cloud_tasks::JsonValue parsed = cloud_tasks::JsonValue::parse(data);
            std::string result = cloud_tasks::JsonValue().dump();
            ::_exit(parsed.size() == 1 && result == "null" ? 0 : 1);
          }
          ::_exit(0);
        }
      }
      ++running;
      ++started;
    }
    int status;
    if (::wait(&status) > 0) {
      --running;
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return m;
    }
  }
  m.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  m.ok = true;
  return m;
}

int LibraryWorker(int argc, char** argv) {
  return cloud_tasks::RunWorker(
      [](const cloud_tasks::Task&, cloud_tasks::WorkerContext&) { return cloud_tasks::TaskResult::Done(); },
      argc, argv);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--as-library-worker") == 0) return LibraryWorker(argc - 1, argv + 1);
  int tasks = 2000, slots = 2, rounds = 5;
  std::string dir = "/tmp/ct_bench_worker";
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--tasks")) tasks = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--slots")) slots = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--rounds")) rounds = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
  }
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string task_file = dir + "/tasks.jsonl", lines = dir + "/lines.txt";
  {
    std::ofstream tf(task_file), lf(lines);
    for (int i = 0; i < tasks; ++i) {
      tf << "{\"task_id\": \"task-" << i << "\", \"data\": {\"i\": " << i << "}}\n";
      lf << "task-" << i << "\n";
    }
  }
  std::string self = std::filesystem::canonical("/proc/self/exe").string();
  std::string cli = std::string(CT_BINARY_DIR) + "/cloud_tasks";
  std::string k = std::to_string(slots);
  bool have_parallel = ::system("command -v parallel >/dev/null 2>&1") == 0;
  // The machine's speed drifts between runs (shared virtual CPUs), so every runner runs
  // `rounds` times, interleaved, and the medians are compared. GNU parallel, 20x slower
  // than the rest, runs in the first round only.
  std::vector<std::vector<Measure>> runs;
  for (int round = 0; round < rounds; ++round) {
    std::vector<Measure> ms;
    ms.push_back(BareLoop("C loop: fork + _exit", tasks, slots, LoopChild::kExit));
    ms.push_back(BareLoop("C loop: posix_spawn /bin/true", tasks, slots, LoopChild::kSpawnTrue));
    ms.push_back(RunChild("cloud_tasks library worker",
                          {self, "--as-library-worker", "--task-file", task_file, "--num-simultaneous-tasks",
                           k, "--event-log-file", dir + "/lib_events.log"}));
    ms.push_back(RunChild("cloud_tasks worker -- /bin/true",
                          {cli, "worker", "--task-file", task_file, "--num-simultaneous-tasks", k,
                           "--event-log-file", dir + "/cmd_events.log", "--", "/bin/true"}));
    ms.push_back(RunChild("xargs -P" + k + " -n1 /bin/true", {"xargs", "-P", k, "-n1", "/bin/true"}, lines));
    ms.push_back(BareLoop("C loop: fork + JSON in, JSON out", tasks, slots, LoopChild::kJson));
    if (have_parallel && round == 0)
      ms.push_back(RunChild("parallel -j" + k + " /bin/true", {"parallel", "-j", k, "/bin/true"}, lines));
    runs.push_back(std::move(ms));
  }
  std::vector<Measure> ms = runs.front();
  for (size_t i = 0; i < ms.size(); ++i) {
    std::vector<double> secs;
    for (const auto& run : runs) {
      if (i >= run.size()) continue;
      secs.push_back(run[i].seconds);
      ms[i].max_rss_kb = std::max(ms[i].max_rss_kb, run[i].max_rss_kb);
      ms[i].ok = ms[i].ok && run[i].ok;
    }
    std::sort(secs.begin(), secs.end());
    ms[i].seconds = secs[secs.size() / 2];
  }

  std::printf("%d tasks, %d at a time, median of %d rounds\n\n%-36s %10s %10s %10s\n", tasks, slots, rounds,
              "runner", "seconds", "tasks/s", "RSS (MB)");
  for (const auto& m : ms)
    std::printf("%-36s %10.3f %10.0f %10s%s\n", m.name.c_str(), m.seconds, tasks / m.seconds,
                m.max_rss_kb ? std::to_string(m.max_rss_kb / 1024).c_str() : "-", m.ok ? "" : "  (FAILED)");
  auto rate = [&](size_t i) { return tasks / ms[i].seconds; };
  std::printf("\nlibrary worker / C fork loop:   %.2f  (goal >= 0.75)\n", rate(2) / rate(0));
  std::printf("library worker / xargs:         %.2f  (goal >= 2.5)\n", rate(2) / rate(4));
  std::printf("command worker / xargs:         %.2f  (goal > 1)\n", rate(3) / rate(4));
  if (have_parallel) std::printf("command worker / GNU parallel:  %.2f  (goal >= 5)\n", rate(3) / rate(6));
  std::printf("\nC loop with JSON / C fork loop: %.2f  (no library worker can beat this: its task processes\n"
              "                                       do at least this much, and it has its own work besides)\n",
              rate(5) / rate(0));
  std::printf("library worker / C loop with JSON: %.2f\n", rate(2) / rate(5));
  std::printf("worker peak RSS: library %ld MB, command %ld MB (goal < 20 MB)\n", ms[2].max_rss_kb / 1024,
              ms[3].max_rss_kb / 1024);
  std::filesystem::remove_all(dir);
  bool all_ok = true;
  for (const auto& m : ms) all_ok &= m.ok;
  return all_ok ? 0 : 1;
}
