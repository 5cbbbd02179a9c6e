#pragma once
/// The instance startup script: the user's script with a block of
/// `export RMS_CLOUD_TASKS_*=...` lines injected (seed inventory ORC-30/31, BUG-ORC-04
/// fixed). Pure; the same script serves every instance of the job.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace cloud_tasks::orchestrator {

/// What the worker on every instance needs to know (names follow the variables).
struct StartupValues {
  std::string provider;                   ///< "aws", "gcp" or "local" (any case)
  std::optional<std::string> project_id;  ///< exported for gcp only, when set
  std::string job_id;
  std::string queue_name;
  bool exactly_once_queue = false;
  std::string instance_type;
  int64_t num_vcpus = 0;
  double memory_gb = 0;
  double local_ssd_gb = 0;
  int64_t boot_disk_gb = 0;  ///< ORC-03: the type's boot disk size truncated
  bool is_spot = false;
  double price_per_hour = 0;  ///< total $/hour of one instance
  int64_t tasks_per_instance = 1;
  int64_t max_runtime = 3600;
  bool retry_on_exit = false;
  bool retry_on_exception = false;
  bool retry_on_timeout = false;
  std::optional<int64_t> keepalive_interval;          ///< exported when set
  std::optional<double> max_memory_allowed_per_task;  ///< GB; exported when set
  std::optional<std::string> local_queue_dir;         ///< local provider; exported when set
};

/// Renders the startup script.
///
/// The user's script has every CR removed and surrounding whitespace trimmed; empty →
/// error naming `startup_script` / `startup_script_file`. When it starts with `#!`,
/// that line must run bash (an interpreter path ending in `/bash`, or `.../env bash`,
/// optionally followed by arguments), else the error `Startup script uses shell other
/// than bash; this is not supported`; the exports follow that line. Without `#!` the
/// exports open the script and nothing else is added.
///
/// Variables, in this order, every one exported and every value single-quoted for bash
/// (so spaces, quotes, `$(...)`, backticks and newlines arrive verbatim):
/// RMS_CLOUD_TASKS_PROVIDER (AWS, GCP or LOCAL), RMS_CLOUD_TASKS_PROJECT_ID (gcp, when
/// set), _JOB_ID, _QUEUE_NAME, _EXACTLY_ONCE_QUEUE, _EVENT_LOG_TO_QUEUE (always `1`, as the original),
/// _INSTANCE_TYPE, _INSTANCE_NUM_VCPUS, _INSTANCE_MEM_GB, _INSTANCE_SSD_GB,
/// _INSTANCE_BOOT_DISK_GB, _INSTANCE_IS_SPOT, _INSTANCE_PRICE, _NUM_TASKS_PER_INSTANCE,
/// _MAX_RUNTIME, _RETRY_ON_EXIT, _RETRY_ON_EXCEPTION, _RETRY_ON_TIMEOUT, then when set
/// _KEEPALIVE_INTERVAL, _MAX_MEMORY_ALLOWED_PER_TASK, _LOCAL_QUEUE_DIR. Booleans are
/// `True`/`False` like the original (the worker accepts `true` in any case, anything
/// else is false); numbers use the shortest exact decimal form.
///
/// Errors: unknown provider, a value containing a NUL byte (bash cannot carry it), a
/// non-finite number.
Result<std::string> RenderStartupScript(std::string_view user_script, const StartupValues& values);

}  // namespace cloud_tasks::orchestrator
