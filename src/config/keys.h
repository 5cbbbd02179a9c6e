#pragma once
/// Every configuration key of the original's YAML (seed inventory CFG-03/CFG-04), in one
/// table. The table drives the YAML schema (which section accepts which key), the typed
/// `Settings` struct, the command-line flags (`--max-instances` for `max_instances`),
/// `--help` texts, validation bounds and docs/configuration.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloud_tasks::config {

enum class KeyType { kInt, kFloat, kBool, kString, kStringList, kPath };

/// Sections that accept a key (bitmask). kRun keys are valid in `run:` and in every
/// provider section; provider-only keys are not valid in `run:` (CFG-04).
enum Where : unsigned {
  kRun = 1u << 0,
  kAws = 1u << 1,
  kGcp = 1u << 2,
  kLocal = 1u << 3,
  kAzure = 1u << 4,
  kProviders = kAws | kGcp | kLocal | kAzure,
  kCloud = kAws | kGcp | kAzure,
};

/// Which commands get a flag for the key.
enum class Group {
  kJob,                // --job-id, --queue-name, --region, --zone, --exactly-once-queue
  kCredentials,        // --access-key, --project-id, ...
  kInstanceSelection,  // run, list_instance_types
  kPool,               // run only: pool sizing and budgets
  kBoot,               // run only: image and startup script
  kWorkerPolicy,       // run only: limits and retry policy passed to workers
  kFileOnly,           // no command-line flag (original had none)
};

/// Numeric bound checked on every value from every source (CFG-06).
enum class Bound { kNone, kNonNegative, kPositive };

struct KeyInfo {
  std::string_view name;  ///< underscore form, e.g. "max_instances"
  KeyType type;
  unsigned where;  ///< bitmask of Where
  Group group;
  Bound bound;
  std::string_view default_text;  ///< "" when unset by default
  bool secret;                    ///< never logged, printed or stored
  std::string_view help;
};

// clang-format off
// X(name, type, where, group, bound, default, secret, help)
#define CT_CONFIG_KEYS(X)                                                                                      \
  /* job identity (provider sections only) */                                                                  \
  X(job_id, kString, kProviders, kJob, kNone, "", false,                                                        \
    "Job identifier: 1-24 characters, lowercase letter first, then lowercase letters, digits or '-'")           \
  X(queue_name, kString, kProviders, kJob, kNone, "job_id", false, "Task queue name; the event queue is <queue_name>-events") \
  X(region, kString, kCloud, kJob, kNone, "", false, "Region (derived from --zone when omitted)")               \
  X(zone, kString, kCloud, kJob, kNone, "", false, "Zone (default: any zone in the region)")                   \
  X(exactly_once_queue, kBool, kProviders, kJob, kNone, "false", false, "Use exactly-once queue delivery")      \
  X(state_dir, kPath, kLocal, kJob, kNone, "", false,                                                           \
    "Local provider: folder of the job queues (queues/) and instances (instances/) (default: $XDG_STATE_HOME/cloud_tasks)") \
  /* credentials */                                                                                            \
  X(access_key, kString, kAws, kCredentials, kNone, "", true, "AWS access key id (default: the SDK credential chain)") \
  X(secret_key, kString, kAws, kCredentials, kNone, "", true, "AWS secret access key")                          \
  X(sqs_endpoint_url, kString, kAws, kCredentials, kNone, "", false,                                             \
    "SQS endpoint URL, e.g. an emulator (default: AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL, the profile, AWS)")    \
  X(ec2_endpoint_url, kString, kAws, kCredentials, kNone, "", false,                                             \
    "EC2 endpoint URL (default: AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL, the profile, AWS)")                     \
  X(sts_endpoint_url, kString, kAws, kCredentials, kNone, "", false,                                             \
    "STS endpoint URL, used by check_credentials (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile, AWS)") \
  X(pricing_endpoint_url, kString, kAws, kCredentials, kNone, "", false,                                         \
    "AWS Price List endpoint URL (default: AWS_ENDPOINT_URL_PRICING, AWS_ENDPOINT_URL, the profile, AWS)")      \
  X(project_id, kString, kGcp, kCredentials, kNone, "", false, "GCP project id (default: from credentials)")    \
  X(credentials_file, kPath, kGcp, kCredentials, kNone, "", false, "GCP service-account key file (default: ADC)") \
  X(service_account, kString, kGcp, kCredentials, kNone, "", false, "GCP service account attached to instances") \
  X(subscription_id, kString, kAzure, kFileOnly, kNone, "", false, "Azure subscription (Azure is not supported)") \
  X(tenant_id, kString, kAzure, kFileOnly, kNone, "", false, "Azure tenant (Azure is not supported)")           \
  X(client_id, kString, kAzure, kFileOnly, kNone, "", false, "Azure client id (Azure is not supported)")        \
  X(client_secret, kString, kAzure, kFileOnly, kNone, "", true, "Azure client secret (Azure is not supported)") \
  X(namespace_name, kString, kAzure, kFileOnly, kNone, "", false, "Azure namespace (Azure is not supported)")   \
  X(connection_string, kString, kAzure, kFileOnly, kNone, "", true, "Azure connection string (not supported)")  \
  /* pool size and budgets */                                                                                  \
  X(min_instances, kInt, kRun | kProviders, kPool, kNonNegative, "0", false, "Minimum number of instances")     \
  X(max_instances, kInt, kRun | kProviders, kPool, kPositive, "10", false, "Maximum number of instances")       \
  X(min_total_cpus, kInt, kRun | kProviders, kPool, kNonNegative, "", false, "Minimum vCPUs over all instances") \
  X(max_total_cpus, kInt, kRun | kProviders, kPool, kPositive, "", false, "Maximum vCPUs over all instances")   \
  X(cpus_per_task, kFloat, kRun | kProviders, kPool, kPositive, "1", false, "vCPUs each task needs")            \
  X(min_tasks_per_instance, kInt, kRun | kProviders, kPool, kPositive, "", false, "Minimum simultaneous tasks per instance") \
  X(max_tasks_per_instance, kInt, kRun | kProviders, kPool, kPositive, "", false, "Maximum simultaneous tasks per instance") \
  X(min_simultaneous_tasks, kInt, kRun | kProviders, kPool, kPositive, "", false, "Minimum tasks running at once over the pool") \
  X(max_simultaneous_tasks, kInt, kRun | kProviders, kPool, kPositive, "", false, "Maximum tasks running at once over the pool") \
  X(min_total_price_per_hour, kFloat, kRun | kProviders, kPool, kNonNegative, "", false, "Minimum pool price, USD/hour") \
  X(max_total_price_per_hour, kFloat, kRun | kProviders, kPool, kPositive, "10", false, "Maximum pool price, USD/hour") \
  /* instance-type selection */                                                                                \
  X(architecture, kString, kRun | kProviders, kInstanceSelection, kNone, "X86_64", false, "CPU architecture: X86_64 or ARM64") \
  X(cpu_family, kString, kRun | kProviders, kInstanceSelection, kNone, "", false, "CPU family, e.g. 'Intel Cascade Lake' (case-insensitive)") \
  X(min_cpu_rank, kInt, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Minimum CPU performance rank") \
  X(max_cpu_rank, kInt, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Maximum CPU performance rank") \
  X(min_cpu, kInt, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Minimum vCPUs per instance") \
  X(max_cpu, kInt, kRun | kProviders, kInstanceSelection, kPositive, "", false, "Maximum vCPUs per instance")   \
  X(min_total_memory, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Minimum memory per instance, GB") \
  X(max_total_memory, kFloat, kRun | kProviders, kInstanceSelection, kPositive, "", false, "Maximum memory per instance, GB") \
  X(min_memory_per_cpu, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Minimum memory per vCPU, GB") \
  X(max_memory_per_cpu, kFloat, kRun | kProviders, kInstanceSelection, kPositive, "", false, "Maximum memory per vCPU, GB") \
  X(min_memory_per_task, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Minimum memory per task, GB") \
  X(max_memory_per_task, kFloat, kRun | kProviders, kInstanceSelection, kPositive, "", false, "Maximum memory per task, GB") \
  X(min_local_ssd, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Minimum local SSD per instance, GB") \
  X(max_local_ssd, kFloat, kRun | kProviders, kInstanceSelection, kPositive, "", false, "Maximum local SSD per instance, GB") \
  X(local_ssd_base_size, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "0", false, "Local SSD needed besides per-CPU/per-task amounts, GB") \
  X(min_local_ssd_per_cpu, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Minimum local SSD per vCPU, GB") \
  X(max_local_ssd_per_cpu, kFloat, kRun | kProviders, kInstanceSelection, kPositive, "", false, "Maximum local SSD per vCPU, GB") \
  X(min_local_ssd_per_task, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Minimum local SSD per task, GB") \
  X(max_local_ssd_per_task, kFloat, kRun | kProviders, kInstanceSelection, kPositive, "", false, "Maximum local SSD per task, GB") \
  X(boot_disk_types, kStringList, kRun | kProviders, kInstanceSelection, kNone, "", false, "Allowed boot disk types, e.g. pd-balanced pd-ssd (lower-cased)") \
  X(boot_disk_iops, kInt, kRun | kProviders, kInstanceSelection, kPositive, "", false, "Provisioned boot disk IOPS (pd-extreme, hd-balanced)") \
  X(boot_disk_throughput, kInt, kRun | kProviders, kInstanceSelection, kPositive, "", false, "Provisioned boot disk throughput, MB/s (hd-balanced)") \
  X(total_boot_disk_size, kFloat, kRun | kProviders, kInstanceSelection, kPositive, "10", false, "Total boot disk size, GB") \
  X(boot_disk_base_size, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "0", false, "Boot disk size besides per-CPU/per-task amounts, GB") \
  X(boot_disk_per_cpu, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Boot disk per vCPU, GB") \
  X(boot_disk_per_task, kFloat, kRun | kProviders, kInstanceSelection, kNonNegative, "", false, "Boot disk per task, GB") \
  X(instance_types, kStringList, kRun | kProviders, kInstanceSelection, kNone, "", false,                       \
    "Instance-type name patterns (RE2 regex, matched anywhere in the name unless anchored with ^ or $)")        \
  X(use_spot, kBool, kRun | kProviders, kInstanceSelection, kNone, "false", false, "Use spot (preemptible) instances") \
  X(price_per_hour, kFloat, kLocal, kInstanceSelection, kNonNegative, "0", false,                              \
    "Local provider: hourly price quoted for this machine, used by the budgets and reports")                  \
  /* boot */                                                                                                   \
  X(startup_script, kString, kRun | kProviders, kFileOnly, kNone, "", false, "Inline startup script (config file only)") \
  X(startup_script_file, kPath, kRun | kProviders, kBoot, kNone, "", false,                                    \
    "Startup script file (relative to the config file's folder when given there)")                             \
  X(image, kString, kRun | kProviders, kBoot, kNone, "", false, "Boot image: family name, URI or AMI (default: provider's)") \
  /* pool management and worker policy */                                                                      \
  X(scaling_check_interval, kInt, kRun | kProviders, kWorkerPolicy, kPositive, "60", false, "Seconds between pool scaling checks") \
  X(instance_termination_delay, kInt, kRun | kProviders, kWorkerPolicy, kNonNegative, "60", false,             \
    "Seconds an idle surplus instance is kept at the tail of the job before it is terminated")                 \
  X(max_runtime, kInt, kRun | kProviders, kWorkerPolicy, kPositive, "3600", false, "Maximum seconds a task may run") \
  X(max_memory_allowed_per_task, kFloat, kRun | kProviders, kWorkerPolicy, kPositive, "", false, "Address-space limit per task, GB") \
  X(retry_on_exit, kBool, kRun | kProviders, kWorkerPolicy, kNone, "false", false, "Retry a task whose process exits without a result") \
  X(retry_on_exception, kBool, kRun | kProviders, kWorkerPolicy, kNone, "false", false, "Retry a task that raises an exception") \
  X(retry_on_timeout, kBool, kRun | kProviders, kWorkerPolicy, kNone, "false", false, "Retry a task that exceeds max_runtime") \
  X(keepalive_interval, kInt, kRun | kProviders, kWorkerPolicy, kPositive, "60", false, "Seconds between worker keep-alive events") \
  X(keepalive_startup_timeout, kInt, kRun | kProviders, kWorkerPolicy, kNonNegative, "600", false,             \
    "Seconds a new instance has to send its first keep-alive (0 disables)")                                    \
  X(keepalive_timeout, kInt, kRun | kProviders, kWorkerPolicy, kNonNegative, "300", false,                     \
    "Seconds of keep-alive silence before an instance is replaced (0 disables)")                               \
  X(db_file, kPath, kRun | kProviders, kFileOnly, kNone, "<job_id>.db", false, "Job database file")
// clang-format on

template <KeyType T>
struct CppTypeOf;
template <>
struct CppTypeOf<KeyType::kInt> {
  using type = int64_t;
};
template <>
struct CppTypeOf<KeyType::kFloat> {
  using type = double;
};
template <>
struct CppTypeOf<KeyType::kBool> {
  using type = bool;
};
template <>
struct CppTypeOf<KeyType::kString> {
  using type = std::string;
};
template <>
struct CppTypeOf<KeyType::kPath> {
  using type = std::string;
};
template <>
struct CppTypeOf<KeyType::kStringList> {
  using type = std::vector<std::string>;
};

/// The merged, validated configuration for the selected provider: every key of the table
/// as an optional (unset stays unset: tri-state booleans, BUG-CFG-01), with defaults
/// applied where the table gives one.
struct Settings {
  std::string provider;  ///< "aws", "gcp" or "local" (lower case)
#define CT_DECLARE_SETTING(name, kind, ...) std::optional<CppTypeOf<KeyType::kind>::type> name;
  CT_CONFIG_KEYS(CT_DECLARE_SETTING)
#undef CT_DECLARE_SETTING
};

const std::vector<KeyInfo>& AllKeys();

/// Finds a key by its underscore or dashed name ("max-instances"); nullptr if unknown.
const KeyInfo* FindKey(std::string_view name);

/// "max_instances" → "max-instances".
std::string DashedName(std::string_view name);

const char* KeyTypeName(KeyType type);

}  // namespace cloud_tasks::config
