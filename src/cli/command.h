#pragma once
/// One `cloud_tasks` subcommand: declares its flags, then runs. The CLI is a thin shell
/// (ARCHITECTURE.md §9): a command fills options, calls one library entry point, renders.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace cloud_tasks::cli {

class Command {
 public:
  virtual ~Command() = default;
  virtual const char* name() const = 0;
  virtual const char* summary() const = 0;
  /// Declares the command's flags on its CLI11 subcommand.
  virtual void Define(CLI::App& sub) = 0;
  /// Runs after a successful parse; returns the process exit status.
  virtual int Run() = 0;
};

/// Every command, in the order `cloud_tasks --help` lists them.
std::vector<std::unique_ptr<Command>> MakeAllCommands();

// One factory per file in commands/.
std::unique_ptr<Command> MakeRunCommand();
std::unique_ptr<Command> MakeStatusCommand();
std::unique_ptr<Command> MakeStopCommand();
std::unique_ptr<Command> MakeMonitorEventQueueCommand();
std::unique_ptr<Command> MakeLoadQueueCommand();
std::unique_ptr<Command> MakeShowQueueCommand();
std::unique_ptr<Command> MakePurgeQueueCommand();
std::unique_ptr<Command> MakeDeleteQueueCommand();
std::unique_ptr<Command> MakeListRunningInstancesCommand();
std::unique_ptr<Command> MakeListRegionsCommand();
std::unique_ptr<Command> MakeListImagesCommand();
std::unique_ptr<Command> MakeListInstanceTypesCommand();
std::unique_ptr<Command> MakeWorkerCommand();
std::unique_ptr<Command> MakeValidateTaskFileCommand();
std::unique_ptr<Command> MakeCheckCredentialsCommand();

}  // namespace cloud_tasks::cli
