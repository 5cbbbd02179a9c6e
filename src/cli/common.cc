#include "cli/common.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "core/state_dir.h"
#include "queue/factory/queue_factory.h"

namespace cloud_tasks::cli {

std::optional<config::Settings> ResolveOrReport(const ConfigOptions& options, bool need_job_id,
                                                bool read_startup_script) {
  auto settings = options.Resolve(read_startup_script);
  if (!settings.ok()) {
    fmt::print(stderr, "Invalid configuration: {}\n", settings.status().message());
    return std::nullopt;
  }
  if (need_job_id && !settings->job_id) {
    fmt::print(
        stderr,
        "Invalid configuration: a job id is required: give --job-id or set job_id in the '{}:' section "
        "of the config file\n",
        settings->provider);
    return std::nullopt;
  }
  return std::move(*settings);
}

int NotBuiltYet(std::string_view command, const config::Settings& settings, std::string_view what) {
  fmt::print(stderr, "cloud_tasks {}: {} for provider '{}' is not built yet in this version.\n", command,
             what, settings.provider);
  return 1;
}

int Fail(std::string_view message) {
  fmt::print(stderr, "Error: {}\n", message);
  return 1;
}

std::string DbPath(const config::Settings& settings) {
  if (settings.db_file) return *settings.db_file;
  return settings.job_id ? *settings.job_id + ".db" : std::string("cloud_tasks.db");
}

Result<std::unique_ptr<queue::QueueService>> OpenQueues(const config::Settings& settings) {
  std::string dir = std::filesystem::absolute(LocalQueueDir(settings.state_dir.value_or(""))).string();
  return queue::OpenQueueService({.provider = settings.provider, .local_directory = dir});
}

std::string QueueName(const config::Settings& settings) {
  return settings.queue_name.value_or(settings.job_id.value_or(""));
}

}  // namespace cloud_tasks::cli
