// `cloud_tasks list_running_instances`: instances of a job or of all jobs (CLI-33).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "core/files.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class ListRunningInstancesCommand : public ProviderCommand {
 public:
  ListRunningInstancesCommand()
      : ProviderCommand({"list_running_instances",
                         "List the instances of a job (or of every job)",
                         {Group::kJob, Group::kCredentials},
                         {"queue_name", "exactly_once_queue"},
                         false,
                         "instance listing"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    sub.add_flag("--all-instances", all_instances_, "Include instances not created by cloud_tasks");
    sub.add_flag("--include-terminated", include_terminated_, "Include terminated instances");
    sub.add_option("--sort-by", sort_by_,
                   "id, type, state, zone or created; - prefix for descending (default: id)")
        ->type_name("FIELDS");
    sub.add_flag("--detail", detail_, "One block per instance with every detail");
  }
  bool all_instances_ = false;
  bool include_terminated_ = false;
  std::string sort_by_;
  bool detail_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeListRunningInstancesCommand() {
  return std::make_unique<ListRunningInstancesCommand>();
}

}  // namespace cloud_tasks::cli
