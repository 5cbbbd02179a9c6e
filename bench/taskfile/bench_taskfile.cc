// bench_taskfile: throughput and peak memory of the task-file reader against Python's
// json.load on the same generated JSON file.
//
//   bench_taskfile [--tasks N (default 1000000)] [--dir D] [--runs R (default 3)] [--keep]
//
// Each measurement runs in its own process (this program re-executed, or python3), so
// the peak RSS reported by wait4() belongs to that measurement alone. Times are wall
// clock around the whole child process (CPU time from the same wait4() call, which is
// steadier when other work shares the machine); the best of R runs is reported.
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "taskfile/task_reader.h"

namespace ct = cloud_tasks::taskfile;

namespace {

struct Options {
  uint64_t tasks = 1000000;
  std::string dir;
  int runs = 3;
  bool keep = false;
};

struct Measurement {
  bool ok = false;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // user + system
  double peak_rss_mb = 0;
};

[[noreturn]] void Usage(const char* why) {
  std::fprintf(stderr,
               "bench_taskfile: %s\nusage: bench_taskfile [--tasks N] [--dir D] [--runs R] [--keep]\n", why);
  std::exit(2);
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  const char* tmp = std::getenv("TMPDIR");
  o.dir = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(("missing value for " + arg).c_str());
      return argv[++i];
    };
    if (arg == "--tasks") {
      o.tasks = std::strtoull(value().c_str(), nullptr, 10);
    } else if (arg == "--dir") {
      o.dir = value();
    } else if (arg == "--runs") {
      o.runs = std::max(1, std::atoi(value().c_str()));
    } else if (arg == "--keep") {
      o.keep = true;
    } else {
      Usage(("unknown argument " + arg).c_str());
    }
  }
  if (o.tasks == 0) Usage("--tasks must be positive");
  return o;
}

// Writes an N-task JSON array, about 100 bytes per task, one task per line.
bool GenerateTasks(const std::string& path, uint64_t n) {
  FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) return false;
  std::string buf;
  buf.reserve(1 << 20);
  buf += "[\n";
  char line[256];
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t h = (i + 1) * 0x9E3779B97F4A7C15ULL;
    int len =
        std::snprintf(line, sizeof line,
                      "{\"task_id\": \"task-%08llu\", \"data\": {\"num1\": %lld, \"num2\": %lld, "
                      "\"label\": \"item %llu\", \"scale\": %.3f}}%s\n",
                      static_cast<unsigned long long>(i), static_cast<long long>(h % 199999) - 99999,
                      static_cast<long long>((h >> 20) % 199999) - 99999, static_cast<unsigned long long>(i),
                      static_cast<double>((h >> 40) % 10000) / 1000.0, i + 1 < n ? "," : "");
    buf.append(line, static_cast<size_t>(len));
    if (buf.size() > (1 << 20) - 256) {
      std::fwrite(buf.data(), 1, buf.size(), out);
      buf.clear();
    }
  }
  buf += "]\n";
  std::fwrite(buf.data(), 1, buf.size(), out);
  return std::fclose(out) == 0;
}

// Reads the file once so every measurement starts from the page cache.
void WarmPageCache(const std::string& path) {
  FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) return;
  std::vector<char> chunk(1 << 20);
  while (std::fread(chunk.data(), 1, chunk.size(), in) > 0) {
  }
  std::fclose(in);
}

// Runs argv in a child process; wall time and the child's own peak RSS.
Measurement RunChild(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) return {};
  if (pid == 0) {
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  if (wait4(pid, &status, 0, &usage) != pid) return {};
  Measurement m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
  auto secs = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  m.cpu_seconds = secs(usage.ru_utime) + secs(usage.ru_stime);
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return m;
}

Measurement Best(const std::vector<std::string>& args, int runs) {
  Measurement best;
  for (int i = 0; i < runs; ++i) {
    Measurement m = RunChild(args);
    if (!m.ok) return m;
    if (!best.ok || m.seconds < best.seconds) best = m;
  }
  return best;
}

// Child modes: --child-validate F / --child-read F run one pass and exit 0 on success.
int ChildMain(const std::string& mode, const std::string& path, uint64_t expected) {
  uint64_t n = 0;
  if (mode == "--child-validate") {
    auto count = ct::ValidateTaskFile(path);
    if (!count.ok()) {
      std::fprintf(stderr, "%s\n", count.status().ToString().c_str());
      return 1;
    }
    n = *count;
  } else {
    auto reader = ct::TaskReader::Open(path);
    if (!reader.ok()) return 1;
    ct::Task task;
    for (;;) {
      auto got = (*reader)->Next(task);
      if (!got.ok()) {
        std::fprintf(stderr, "%s\n", got.status().ToString().c_str());
        return 1;
      }
      if (!*got) break;
      ++n;
    }
  }
  return n == expected ? 0 : 3;
}

void PrintRow(const char* name, const Measurement& m, double mb) {
  if (!m.ok) {
    std::printf("  %-36s %8s\n", name, "FAILED");
    return;
  }
  std::printf("  %-36s %8.3f %8.3f %10.1f %10.1f %12.1f\n", name, m.seconds, m.cpu_seconds, mb / m.seconds,
              mb / m.cpu_seconds, m.peak_rss_mb);
}

void PrintSummary(const Measurement& validate, const Measurement& read, const Measurement& python,
                  const Measurement& startup, double mb) {
  std::printf("  %-36s %8s %8s %10s %10s %12s\n", "", "wall s", "cpu s", "MB/s wall", "MB/s cpu",
              "peak RSS MB");
  PrintRow("ours: ValidateTaskFile", validate, mb);
  PrintRow("ours: TaskReader::Next (data copied)", read, mb);
  PrintRow("python3 json.load(open(F))", python, mb);
  if (startup.ok) {
    std::printf("  %-36s %8.3f %8.3f\n", "  (python3 startup + import json)", startup.seconds,
                startup.cpu_seconds);
  }
  if (validate.ok && read.ok && python.ok) {
    std::printf("\nthroughput ratio ours/python (wall):  ValidateTaskFile %.1fx, TaskReader %.1fx\n",
                python.seconds / validate.seconds, python.seconds / read.seconds);
    std::printf("throughput ratio ours/python (cpu):   ValidateTaskFile %.1fx, TaskReader %.1fx\n",
                python.cpu_seconds / validate.cpu_seconds, python.cpu_seconds / read.cpu_seconds);
    std::printf("peak RSS: ours %.1f MB, python %.1f MB (%.0fx less)\n", validate.peak_rss_mb,
                python.peak_rss_mb, python.peak_rss_mb / validate.peak_rss_mb);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strncmp(argv[1], "--child-", 8) == 0) {
    return ChildMain(argv[1], argv[2], std::strtoull(argv[3], nullptr, 10));
  }
  Options o = ParseArgs(argc, argv);
  std::string path = o.dir + "/bench_taskfile_" + std::to_string(getpid()) + ".json";
  auto t0 = std::chrono::steady_clock::now();
  if (!GenerateTasks(path, o.tasks)) Usage(("cannot write " + path).c_str());
  double gen_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  struct stat st {};
  stat(path.c_str(), &st);
  double mb = static_cast<double>(st.st_size) / 1e6;
  WarmPageCache(path);
  std::printf("bench_taskfile: %llu tasks, %.1f MB JSON (%.0f bytes/task) at %s, generated in %.2f s\n",
              static_cast<unsigned long long>(o.tasks), mb, static_cast<double>(st.st_size) / o.tasks,
              path.c_str(), gen_s);
  std::printf("best of %d run(s), each in its own process, file in the page cache (MB = 10^6 bytes)\n\n",
              o.runs);

  const std::string self = "/proc/self/exe";
  char exe[4096];
  ssize_t len = readlink(self.c_str(), exe, sizeof exe - 1);
  if (len <= 0) Usage("cannot find own executable");
  exe[len] = '\0';
  std::string n = std::to_string(o.tasks);
  Measurement validate = Best({exe, "--child-validate", path, n}, o.runs);
  Measurement read = Best({exe, "--child-read", path, n}, o.runs);
  Measurement python =
      Best({"/usr/bin/python3", "-c", "import json, sys; json.load(open(sys.argv[1]))", path}, o.runs);
  Measurement startup = Best({"/usr/bin/python3", "-c", "import json"}, o.runs);

  PrintSummary(validate, read, python, startup, mb);
  if (!o.keep) std::remove(path.c_str());
  return validate.ok && read.ok ? 0 : 1;
}
