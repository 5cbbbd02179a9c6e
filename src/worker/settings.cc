#include "worker/settings.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "core/strings.h"

namespace cloud_tasks::worker {
namespace {

Status ParseEnv(const SettingInfo& info, const std::string& text, std::string* s, bool* b, int64_t* i,
                double* d) {
  auto bad = [&](const char* what) {
    return InvalidArgumentError(fmt::format("{}={}: must be {}", info.env, text, what));
  };
  switch (info.type) {
    case SettingType::kString:
      *s = text;
      return OkStatus();
    case SettingType::kBool: {
      std::string v = ToLower(Trim(text));
      *b = v == "1" || v == "true";
      return OkStatus();
    }
    case SettingType::kInt: {
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || errno == ERANGE) return bad("an integer");
      *i = v;
      return OkStatus();
    }
    case SettingType::kFloat: {
      char* end = nullptr;
      double v = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || !std::isfinite(v)) return bad("a finite number");
      *d = v;
      return OkStatus();
    }
  }
  return OkStatus();
}

template <typename T>
Status FromEnv(const SettingInfo& info, std::optional<T>& field, const EnvLookup& env) {
  if (field) return OkStatus();
  auto text = env(std::string(info.env));
  if (!text) return OkStatus();
  std::string s;
  bool b = false;
  int64_t i = 0;
  double d = 0;
  CT_RETURN_IF_ERROR(ParseEnv(info, *text, &s, &b, &i, &d));
  if constexpr (std::is_same_v<T, std::string>) field = s;
  if constexpr (std::is_same_v<T, bool>) field = b;
  if constexpr (std::is_same_v<T, int64_t>) field = i;
  if constexpr (std::is_same_v<T, double>) field = d;
  return OkStatus();
}

template <typename T>
Status CheckMin(const std::optional<T>& v, T min, bool strict, std::string_view flag) {
  if (!v) return OkStatus();
  if (strict ? *v > min : *v >= min) return OkStatus();
  return InvalidArgumentError(fmt::format("--{} must be {} {} (got {})", flag, strict ? ">" : ">=", min, *v));
}

Status Validate(const WorkerSettings& s) {
  if (!s.task_file && !s.provider)
    return InvalidArgumentError(
        "no task source: give --task-file (or RMS_CLOUD_TASKS_TASK_FILE) or --provider");
  if (s.event_log_to_queue.value_or(false) && !s.provider)
    return InvalidArgumentError(
        "--event-log-to-queue needs a provider (--provider or RMS_CLOUD_TASKS_PROVIDER)");
  if (!s.task_file && !s.queue_name)
    return InvalidArgumentError("a queue is needed without --task-file: give --job-id or --queue-name");
  CT_RETURN_IF_ERROR(CheckMin<int64_t>(s.num_simultaneous_tasks, 0, true, "num-simultaneous-tasks"));
  CT_RETURN_IF_ERROR(CheckMin<int64_t>(s.max_runtime, 0, true, "max-runtime"));
  CT_RETURN_IF_ERROR(CheckMin<double>(s.max_memory_allowed_per_task, 0, true, "max-memory-allowed-per-task"));
  CT_RETURN_IF_ERROR(CheckMin<double>(s.shutdown_grace_period, 0, false, "shutdown-grace-period"));
  CT_RETURN_IF_ERROR(CheckMin<double>(s.keepalive_interval, 0, false, "keepalive-interval"));
  CT_RETURN_IF_ERROR(CheckMin<int64_t>(s.tasks_to_skip, 0, false, "tasks-to-skip"));
  CT_RETURN_IF_ERROR(CheckMin<int64_t>(s.max_num_tasks, 0, false, "max-num-tasks"));
  CT_RETURN_IF_ERROR(
      CheckMin<double>(s.simulate_spot_termination_after, 0, false, "simulate-spot-termination-after"));
  CT_RETURN_IF_ERROR(
      CheckMin<double>(s.simulate_spot_termination_delay, 0, false, "simulate-spot-termination-delay"));
  if (s.provider && *s.provider != "aws" && *s.provider != "gcp" && *s.provider != "local")
    return InvalidArgumentError(fmt::format("--provider must be aws, gcp or local (got '{}')", *s.provider));
  return OkStatus();
}

}  // namespace

const std::vector<SettingInfo>& AllWorkerSettings() {
  static const std::vector<SettingInfo> kAll = {
#define CT_WORKER_SETTING_INFO(field, kind, flag, env, def, help) \
  {#field, flag, env, def, help, SettingType::kind},
      CT_WORKER_SETTINGS(CT_WORKER_SETTING_INFO)
#undef CT_WORKER_SETTING_INFO
  };
  return kAll;
}

std::optional<std::string> GetEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (!v) return std::nullopt;
  return std::string(v);
}

Result<WorkerSettings> ResolveWorkerSettings(const WorkerSettings& command_line, const EnvLookup& env,
                                             int hardware_cpus) {
  WorkerSettings s = command_line;
  const auto& infos = AllWorkerSettings();
  size_t index = 0;
#define CT_WORKER_SETTING_ENV(field, ...) CT_RETURN_IF_ERROR(FromEnv(infos[index++], s.field, env));
  CT_WORKER_SETTINGS(CT_WORKER_SETTING_ENV)
#undef CT_WORKER_SETTING_ENV
  if (s.provider) s.provider = ToLower(*s.provider);
  if (!s.queue_name && s.job_id) s.queue_name = s.job_id;
  bool local_source = s.task_file.has_value();
  if (!s.event_log_to_file) s.event_log_to_file = local_source;
  if (!s.event_log_to_queue) s.event_log_to_queue = !local_source;
  if (!s.event_log_file) s.event_log_file = "events.log";
  if (!s.keepalive_interval) s.keepalive_interval = 60;
  if (!s.max_runtime) s.max_runtime = 3600;
  if (!s.shutdown_grace_period) s.shutdown_grace_period = 30;
  if (!s.tasks_to_skip) s.tasks_to_skip = 0;
  if (!s.num_simultaneous_tasks)
    s.num_simultaneous_tasks = s.num_cpus ? *s.num_cpus : std::max(1, hardware_cpus);
  CT_RETURN_IF_ERROR(Validate(s));
  return s;
}

std::vector<std::string> DescribeWorkerSettings(const WorkerSettings& s) {
  std::vector<std::string> lines;
  auto add = [&](std::string_view name, const auto& v) {
    if (v) lines.push_back(fmt::format("{} = {}", name, *v));
  };
#define CT_WORKER_SETTING_DESCRIBE(field, ...) add(#field, s.field);
  CT_WORKER_SETTINGS(CT_WORKER_SETTING_DESCRIBE)
#undef CT_WORKER_SETTING_DESCRIBE
  return lines;
}

}  // namespace cloud_tasks::worker
