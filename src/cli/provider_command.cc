#include "cli/provider_command.h"

namespace cloud_tasks::cli {

void ProviderCommand::Define(CLI::App& sub) {
  options_.Add(sub, {}, {});
  for (const config::KeyInfo& key : config::AllKeys()) {
    bool wanted = false;
    for (auto g : spec_.groups) wanted |= key.group == g;
    if (wanted && !spec_.exclude.count(std::string(key.name))) options_.AddKey(sub, key.name);
  }
  DefineExtra(sub);
}

int ProviderCommand::Run() {
  auto settings = ResolveOrReport(options_, spec_.need_job_id);
  if (!settings) return 1;
  int rc = Check(*settings);
  if (rc >= 0) return rc;
  return Execute(*settings);
}

int ProviderCommand::Execute(const config::Settings& settings) {
  return NotBuiltYet(spec_.name, settings, spec_.capability);
}

}  // namespace cloud_tasks::cli
