// `cloud_tasks delete_queue`: Delete the task queue and the event queue (or one of them) (CLI-43/44;
// BUG-CLI-01 fixed: only the chosen queues are touched).

#include "cli/commands/queue_removal.h"
#include "cli/provider_command.h"

namespace cloud_tasks::cli {
namespace {

class DeleteQueueCommand : public ProviderCommand {
 public:
  DeleteQueueCommand()
      : ProviderCommand({"delete_queue",
                         "Delete the task queue and the event queue (or one of them)",
                         {config::Group::kJob, config::Group::kCredentials},
                         {},
                         true,
                         "deleting queues"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override { selection_.Add(sub); }
  int Execute(const config::Settings& settings) override { return RemoveQueues(settings, selection_, true); }
  QueueSelection selection_;
};

}  // namespace

std::unique_ptr<Command> MakeDeleteQueueCommand() { return std::make_unique<DeleteQueueCommand>(); }

}  // namespace cloud_tasks::cli
