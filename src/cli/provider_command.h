#pragma once
/// Base for commands that resolve the configuration, check their own preconditions and
/// then call into a provider (queue or compute). Until a provider's support exists the
/// command stops with one line saying so (exit 1).

#include <set>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/common.h"

namespace cloud_tasks::cli {

struct ProviderCommandSpec {
  const char* name;
  const char* summary;
  std::vector<config::Group> groups;  ///< flag groups from the key table
  std::set<std::string> exclude;      ///< keys of those groups without a flag here
  bool need_job_id;
  const char* capability;  ///< what the provider must supply, for the refusal line
};

class ProviderCommand : public Command {
 public:
  explicit ProviderCommand(ProviderCommandSpec spec) : spec_(std::move(spec)) {}
  const char* name() const override { return spec_.name; }
  const char* summary() const override { return spec_.summary; }
  void Define(CLI::App& sub) override;
  int Run() override;

 protected:
  /// Extra flags of the command.
  virtual void DefineExtra(CLI::App&) {}
  /// Checks that need no provider (files, flag combinations); a value >= 0 ends the
  /// command with that exit status.
  virtual int Check(const config::Settings&) { return -1; }
  /// The command's work once the settings are resolved and checked. The default says in
  /// one line that the provider support is not built yet (exit 1).
  virtual int Execute(const config::Settings& settings);

  ConfigOptions options_;

 private:
  ProviderCommandSpec spec_;
};

}  // namespace cloud_tasks::cli
