#pragma once
// Helpers for worker tests: temporary task files, an in-memory event sink, and a
// command-worker run against real processes.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "worker/command_launcher.h"
#include "worker/events.h"
#include "worker/settings.h"
#include "worker/supervisor.h"
#include "worker/task_source.h"

namespace cloud_tasks::worker::testing {

/// An environment holding only `vars`.
inline EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

class CollectingSink : public EventSink {
 public:
  Status Emit(const Json& event) override {
    events.push_back(event);
    return OkStatus();
  }
  std::vector<Json> OfType(const std::string& type) const {
    std::vector<Json> out;
    for (const auto& e : events)
      if (e["event_type"] == type) out.push_back(e);
    return out;
  }
  const Json* ForTask(const std::string& id) const {
    for (const auto& e : events)
      if (e.contains("task_id") && e["task_id"] == id) return &e;
    return nullptr;
  }
  std::vector<Json> events;
};

/// A fresh folder under the test temp dir, removed at the end of the test.
class TempFolder {
 public:
  TempFolder() {
    path_ = std::filesystem::path(::testing::TempDir()) /
            ("ct_worker_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() { std::filesystem::remove_all(path_); }
  std::string path() const { return path_.string(); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::string p = (path_ / name).string();
    std::ofstream(p) << text;
    return p;
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

/// JSON-lines task file with tasks "t0".."t{n-1}", data {"i": k}.
inline std::string TaskLines(int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += R"({"task_id": "t)" + std::to_string(i) + R"(", "data": {"i": )" + std::to_string(i) + "}}\n";
  return s;
}

struct RunOutput {
  Result<WorkerStats> stats = InternalError("not run");
  CollectingSink sink;
};

/// Runs `sh -c SCRIPT` for each task of `tasks_text` (JSON lines).
inline void RunShell(RunOutput& out, const TempFolder& dir, const std::string& tasks_text,
                     const std::string& script, SupervisorOptions options,
                     std::optional<uint64_t> memory_limit = std::nullopt) {
  std::string file = dir.Write("tasks.jsonl", tasks_text);
  auto source = OpenFileTaskSource(file);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  std::filesystem::create_directories(dir.path() + "/scratch");
  auto launcher = CommandLauncher::Create({.command = {"/bin/sh", "-c", script, "sh", "{task_id}"},
                                           .address_space_limit = memory_limit,
                                           .task_output_dir = "",
                                           .scratch_dir = dir.path() + "/scratch",
                                           .extra_env = {}});
  ASSERT_TRUE(launcher.ok()) << launcher.status().ToString();
  if (options.hostname.empty()) options.hostname = "test-host";
  Supervisor supervisor(options, **source, **launcher, out.sink);
  out.stats = supervisor.Run();
}

}  // namespace cloud_tasks::worker::testing
