// `cloud_tasks status`: job status: running instances and queue depth (CLI-31).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "core/files.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class StatusCommand : public ProviderCommand {
 public:
  StatusCommand()
      : ProviderCommand({"status",
                         "Show the running instances of a job and its task queue depth",
                         {Group::kJob, Group::kCredentials},
                         {},
                         true,
                         "instance listing and queue depth"}) {}

 protected:
};

}  // namespace

std::unique_ptr<Command> MakeStatusCommand() { return std::make_unique<StatusCommand>(); }

}  // namespace cloud_tasks::cli
