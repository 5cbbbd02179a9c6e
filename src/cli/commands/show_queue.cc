// `cloud_tasks show_queue`: task queue depth and, with --detail, a sample message (CLI-42).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "core/files.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class ShowQueueCommand : public ProviderCommand {
 public:
  ShowQueueCommand()
      : ProviderCommand({"show_queue",
                         "Show the depth of the task queue (and a sample message with --detail)",
                         {Group::kJob, Group::kCredentials},
                         {},
                         true,
                         "the task queue"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    sub.add_flag("--detail", detail_, "Peek at one message (it stays in the queue)");
  }
  bool detail_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeShowQueueCommand() { return std::make_unique<ShowQueueCommand>(); }

}  // namespace cloud_tasks::cli
