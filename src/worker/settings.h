#pragma once
/// Worker settings (seed inventory WRK 4.2): each from the command line, else its
/// `RMS_CLOUD_TASKS_*` environment variable, else the default. One table drives the
/// flags, the variables, the parsing and `--help`.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::worker {

enum class SettingType { kString, kBool, kInt, kFloat };

// clang-format off
// X(field, type, flag, environment variable, default text, help)
#define CT_WORKER_SETTINGS(X)                                                                                   \
  X(task_file, kString, "task-file", "RMS_CLOUD_TASKS_TASK_FILE", "", "Read tasks from this file instead of a queue") \
  X(provider, kString, "provider", "RMS_CLOUD_TASKS_PROVIDER", "", "aws, gcp or local; needed without --task-file") \
  X(project_id, kString, "project-id", "RMS_CLOUD_TASKS_PROJECT_ID", "", "GCP project id")                      \
  X(job_id, kString, "job-id", "RMS_CLOUD_TASKS_JOB_ID", "", "Job id")                                           \
  X(queue_name, kString, "queue-name", "RMS_CLOUD_TASKS_QUEUE_NAME", "job id", "Task queue name")              \
  X(local_queue_dir, kString, "local-queue-dir", "RMS_CLOUD_TASKS_LOCAL_QUEUE_DIR",                             \
    "$XDG_STATE_HOME/cloud_tasks/queues", "Folder of the local provider's queues (set by the manager)")                              \
  X(exactly_once_queue, kBool, "exactly-once-queue", "RMS_CLOUD_TASKS_EXACTLY_ONCE_QUEUE", "false",             \
    "Exactly-once queue delivery")                                                                              \
  X(event_log_file, kString, "event-log-file", "RMS_CLOUD_TASKS_EVENT_LOG_FILE", "events.log",                  \
    "Local event log (JSON lines)")                                                                             \
  X(event_log_to_file, kBool, "event-log-to-file", "RMS_CLOUD_TASKS_EVENT_LOG_TO_FILE", "true with --task-file", \
    "Write events to the local event log")                                                                      \
  X(event_log_to_queue, kBool, "event-log-to-queue", "RMS_CLOUD_TASKS_EVENT_LOG_TO_QUEUE",                      \
    "true without --task-file", "Publish events to the event queue")                                            \
  X(keepalive_interval, kFloat, "keepalive-interval", "RMS_CLOUD_TASKS_KEEPALIVE_INTERVAL", "60",               \
    "Seconds between keep-alive events (0 disables)")                                                           \
  X(instance_type, kString, "instance-type", "RMS_CLOUD_TASKS_INSTANCE_TYPE", "", "Instance type (information)") \
  X(num_cpus, kInt, "num-cpus", "RMS_CLOUD_TASKS_INSTANCE_NUM_VCPUS", "", "vCPUs of this instance (information)") \
  X(memory_gb, kFloat, "memory", "RMS_CLOUD_TASKS_INSTANCE_MEM_GB", "", "Memory of this instance, GB (information)") \
  X(local_ssd_gb, kFloat, "local-ssd", "RMS_CLOUD_TASKS_INSTANCE_SSD_GB", "", "Local SSD, GB (information)")      \
  X(boot_disk_gb, kFloat, "boot-disk", "RMS_CLOUD_TASKS_INSTANCE_BOOT_DISK_GB", "", "Boot disk, GB (information)") \
  X(is_spot, kBool, "is-spot", "RMS_CLOUD_TASKS_INSTANCE_IS_SPOT", "false", "This is a spot instance: watch for notices") \
  X(price_per_hour, kFloat, "price", "RMS_CLOUD_TASKS_INSTANCE_PRICE", "", "Instance price, USD/hour (information)") \
  X(num_simultaneous_tasks, kInt, "num-simultaneous-tasks", "RMS_CLOUD_TASKS_NUM_TASKS_PER_INSTANCE",            \
    "--num-cpus, else this machine's CPUs", "Tasks run at once")                                                \
  X(max_runtime, kInt, "max-runtime", "RMS_CLOUD_TASKS_MAX_RUNTIME", "3600", "Seconds a task may run")          \
  X(max_memory_allowed_per_task, kFloat, "max-memory-allowed-per-task",                                         \
    "RMS_CLOUD_TASKS_MAX_MEMORY_ALLOWED_PER_TASK", "no limit", "Address-space limit per task, GB")              \
  X(shutdown_grace_period, kFloat, "shutdown-grace-period", "RMS_CLOUD_TASKS_SHUTDOWN_GRACE_PERIOD", "30",       \
    "Seconds running tasks get to finish after SIGINT/SIGTERM")                                                 \
  X(tasks_to_skip, kInt, "tasks-to-skip", "RMS_CLOUD_TASKS_TO_SKIP", "0", "Release the first N tasks received")  \
  X(max_num_tasks, kInt, "max-num-tasks", "RMS_CLOUD_TASKS_MAX_NUM_TASKS", "no limit",                           \
    "Run at most N tasks, then exit")                                                                           \
  X(retry_on_exit, kBool, "retry-on-exit", "RMS_CLOUD_TASKS_RETRY_ON_EXIT", "false",                            \
    "Retry a task whose process exits without a result")                                                        \
  X(retry_on_exception, kBool, "retry-on-exception", "RMS_CLOUD_TASKS_RETRY_ON_EXCEPTION", "false",             \
    "Retry a task that raises an exception")                                                                    \
  X(retry_on_timeout, kBool, "retry-on-timeout", "RMS_CLOUD_TASKS_RETRY_ON_TIMEOUT", "false",                   \
    "Retry a task that exceeds --max-runtime")                                                                  \
  X(simulate_spot_termination_after, kFloat, "simulate-spot-termination-after",                                 \
    "RMS_CLOUD_TASKS_SIMULATE_SPOT_TERMINATION_AFTER", "", "Pretend a spot notice arrives after N seconds")     \
  X(simulate_spot_termination_delay, kFloat, "simulate-spot-termination-delay",                                 \
    "RMS_CLOUD_TASKS_SIMULATE_SPOT_TERMINATION_DELAY", "", "Kill remaining tasks N seconds after that notice")
// clang-format on

template <SettingType T>
struct SettingCpp;
template <>
struct SettingCpp<SettingType::kString> {
  using type = std::string;
};
template <>
struct SettingCpp<SettingType::kBool> {
  using type = bool;
};
template <>
struct SettingCpp<SettingType::kInt> {
  using type = int64_t;
};
template <>
struct SettingCpp<SettingType::kFloat> {
  using type = double;
};

/// Values as given (command line) or resolved (after environment and defaults).
struct WorkerSettings {
#define CT_DECLARE_WORKER_SETTING(field, kind, ...) std::optional<SettingCpp<SettingType::kind>::type> field;
  CT_WORKER_SETTINGS(CT_DECLARE_WORKER_SETTING)
#undef CT_DECLARE_WORKER_SETTING
};

struct SettingInfo {
  std::string_view field, flag, env, default_text, help;
  SettingType type;
};
const std::vector<SettingInfo>& AllWorkerSettings();

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
/// Reads the process environment.
std::optional<std::string> GetEnv(const std::string& name);

/// Fills every setting not given on the command line from the environment (booleans are
/// true only for `1` or `true`, any case), then applies defaults and checks values.
/// Errors name the flag or variable and the rule.
Result<WorkerSettings> ResolveWorkerSettings(const WorkerSettings& command_line, const EnvLookup& env,
                                             int hardware_cpus);

/// "name = value" lines for the start-up log.
std::vector<std::string> DescribeWorkerSettings(const WorkerSettings& s);

}  // namespace cloud_tasks::worker
