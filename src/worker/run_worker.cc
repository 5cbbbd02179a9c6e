// cloud_tasks::RunWorker: the C++ library entry point (include/cloud_tasks/worker.h).

#include <cloud_tasks/worker.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "core/logging.h"
#include "worker/command_worker.h"
#include "worker/function_launcher.h"
#include "worker/settings_flags.h"
#include "worker/shared_flags.h"

namespace cloud_tasks {
namespace {

class Context : public WorkerContext {
 public:
  Context(const worker::WorkerSettings& s, std::vector<std::string> extra, const worker::SharedFlags& flags)
      : settings_(s), extra_(std::move(extra)), flags_(flags) {}
  const worker::WorkerSettings& settings() const override { return settings_; }
  const std::vector<std::string>& extra_args() const override { return extra_; }
  bool termination_notice_received() const override { return flags_.termination_notice(); }
  bool shutdown_requested() const override { return flags_.shutdown_requested(); }

 private:
  const worker::WorkerSettings& settings_;
  std::vector<std::string> extra_;
  const worker::SharedFlags& flags_;
};

std::unique_ptr<worker::TaskSource> GeneratorSource(std::function<std::optional<Task>()> generator) {
  return worker::MakeGeneratorTaskSource(
      [generator = std::move(generator)]() -> std::optional<worker::WorkItem> {
        std::optional<Task> t = generator();
        if (!t) return std::nullopt;
        return worker::WorkItem{t->task_id, t->data.dump(), ""};
      });
}

}  // namespace

int RunWorker(TaskFunction handler, int argc, char** argv, TaskSourceOverride source) {
  CLI::App app("A cloud_tasks worker: runs each task in its own process.", argc > 0 ? argv[0] : "worker");
  app.allow_extras();
  worker::WorkerSettings given;
  worker::AddWorkerFlags(app, given);
  int verbosity = 0;
  app.add_flag("-v,--verbose", verbosity, "More output (-v INFO, -vv DEBUG)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  SetLogLevel(verbosity >= 2 ? LogLevel::kDebug : LogLevel::kInfo);
  if (!source.task_file.empty()) given.task_file = source.task_file;
  if (source.generator && !given.task_file) given.task_file = "<generator>";
  auto settings =
      worker::ResolveWorkerSettings(given, worker::GetEnv, static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN)));
  if (!settings.ok()) {
    LogError("{}", settings.status().message());
    return 1;
  }
  LogInfo("Configuration:");
  for (const auto& line : worker::DescribeWorkerSettings(*settings)) LogInfo("  {}", line);

  worker::SharedFlags flags;
  Context context(*settings, app.remaining(), flags);
  std::optional<uint64_t> limit;
  if (settings->max_memory_allowed_per_task)
    limit = static_cast<uint64_t>(*settings->max_memory_allowed_per_task * 1024.0 * 1024.0 * 1024.0);
  worker::FunctionLauncher launcher(
      {.handler = std::move(handler), .context = &context, .address_space_limit = limit});
  std::unique_ptr<worker::TaskSource> task_source;
  if (source.generator) task_source = GeneratorSource(std::move(source.generator));
  auto stats = worker::RunTasks(*settings, launcher, std::move(task_source), &flags);
  if (!stats.ok()) {
    LogError("{}", stats.status().message());
    return 1;
  }
  LogInfo("Worker finished: {}", stats->Summary());
  return stats->interrupted ? 130 : 0;
}

}  // namespace cloud_tasks
