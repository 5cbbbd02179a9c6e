#pragma once
/// The worker's command-line flags (one per setting of settings.h, booleans as
/// --x/--no-x pairs), shared by `cloud_tasks worker` and programs using RunWorker.

#include <CLI/CLI.hpp>

#include "worker/settings.h"

namespace cloud_tasks::worker {

/// Adds every flag; parsed values land in `settings` (unset when not given).
void AddWorkerFlags(CLI::App& app, WorkerSettings& settings);

}  // namespace cloud_tasks::worker
