#include "cli/command.h"

namespace cloud_tasks::cli {

std::vector<std::unique_ptr<Command>> MakeAllCommands() {
  std::vector<std::unique_ptr<Command>> all;
  all.push_back(MakeRunCommand());
  all.push_back(MakeStatusCommand());
  all.push_back(MakeStopCommand());
  all.push_back(MakeMonitorEventQueueCommand());
  all.push_back(MakeLoadQueueCommand());
  all.push_back(MakeShowQueueCommand());
  all.push_back(MakePurgeQueueCommand());
  all.push_back(MakeDeleteQueueCommand());
  all.push_back(MakeListRunningInstancesCommand());
  all.push_back(MakeListRegionsCommand());
  all.push_back(MakeListImagesCommand());
  all.push_back(MakeListInstanceTypesCommand());
  all.push_back(MakeWorkerCommand());
  all.push_back(MakeValidateTaskFileCommand());
  all.push_back(MakeCheckCredentialsCommand());
  return all;
}

}  // namespace cloud_tasks::cli
