#pragma once
/// Helpers shared by the commands: resolving the configuration with the original's
/// error wording, job-id and database checks, and the one-line "not built yet" refusal.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cli/config_options.h"
#include "config/keys.h"
#include "core/status.h"
#include "queue/task_queue.h"

namespace cloud_tasks::cli {

/// Resolves the configuration; on error prints `Invalid configuration: <reason>` and
/// returns nullopt (the command then exits 1, CLI-05). With `need_job_id`, a missing
/// job id is such an error too.
std::optional<config::Settings> ResolveOrReport(const ConfigOptions& options, bool need_job_id,
                                                bool read_startup_script = false);

/// Prints one line on stderr saying that `what` is not built yet for the settings'
/// provider, and returns 1. Nothing pretends to work.
int NotBuiltYet(std::string_view command, const config::Settings& settings, std::string_view what);

/// Prints `Error: <message>` on stderr and returns 1.
int Fail(std::string_view message);

/// The queue service of the settings' provider (local queues under `state_dir`).
Result<std::unique_ptr<queue::QueueService>> OpenQueues(const config::Settings& settings);

/// The task queue name: `queue_name`, else the job id.
std::string QueueName(const config::Settings& settings);

/// The database path: `--db-file`/`db_file`, else `<job_id>.db`.
std::string DbPath(const config::Settings& settings);

}  // namespace cloud_tasks::cli
