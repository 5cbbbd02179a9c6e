// `cloud_tasks stop`: terminate a job's instances, optionally purge its task queue (CLI-32).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "core/files.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class StopCommand : public ProviderCommand {
 public:
  StopCommand()
      : ProviderCommand({"stop",
                         "Terminate every instance of a job (optionally purge its task queue)",
                         {Group::kJob, Group::kCredentials},
                         {},
                         true,
                         "instance termination"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    sub.add_flag("--purge-queue", purge_queue_, "Also purge the task queue (not the event queue)");
  }
  bool purge_queue_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeStopCommand() { return std::make_unique<StopCommand>(); }

}  // namespace cloud_tasks::cli
