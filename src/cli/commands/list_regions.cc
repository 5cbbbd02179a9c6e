// `cloud_tasks list_regions`: regions and zones of a provider (CLI-10).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "core/files.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class ListRegionsCommand : public ProviderCommand {
 public:
  ListRegionsCommand()
      : ProviderCommand({"list_regions",
                         "List the regions (and zones) of a provider",
                         {Group::kCredentials},
                         {},
                         false,
                         "region listing"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    sub.add_option("--prefix", prefix_, "Only regions whose name starts with P (default: all)")
        ->type_name("P");
    sub.add_flag("--zones", zones_, "Add a column with the zones of each region");
    sub.add_flag("--detail", detail_, "One block per region with every detail");
  }
  std::string prefix_;
  bool zones_ = false;
  bool detail_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeListRegionsCommand() { return std::make_unique<ListRegionsCommand>(); }

}  // namespace cloud_tasks::cli
