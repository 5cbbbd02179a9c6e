// `cloud_tasks list_instance_types`: instance types with prices, under the merged constraints (CLI-12,
// BUG-CLI-03 fixed).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "core/files.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class ListInstanceTypesCommand : public ProviderCommand {
 public:
  ListInstanceTypesCommand()
      : ProviderCommand({"list_instance_types",
                         "List instance types meeting the constraints, with on-demand or spot prices",
                         {Group::kJob, Group::kCredentials, Group::kInstanceSelection},
                         {"job_id", "queue_name", "exactly_once_queue"},
                         false,
                         "instance types and prices"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    options_.AddKey(sub, "cpus_per_task");
    sub.add_option("--filter", filter_, "Case-insensitive substring matched against the type fields")
        ->type_name("TEXT");
    sub.add_option("--sort-by", sort_by_,
                   "Comma-separated fields, - prefix for descending (default: vcpu,mem_gb,name,zone)")
        ->type_name("FIELDS");
    sub.add_option("--limit", limit_, "Show at most N rows (default: all)")->type_name("N");
    sub.add_flag("--detail", detail_, "Add price breakdown, processor and description columns");
  }
  std::string filter_;
  std::string sort_by_;
  int64_t limit_ = 0;
  bool detail_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeListInstanceTypesCommand() {
  return std::make_unique<ListInstanceTypesCommand>();
}

}  // namespace cloud_tasks::cli
