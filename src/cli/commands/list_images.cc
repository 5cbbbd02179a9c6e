// `cloud_tasks list_images`: boot images of a provider (CLI-11).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "core/files.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class ListImagesCommand : public ProviderCommand {
 public:
  ListImagesCommand()
      : ProviderCommand({"list_images",
                         "List boot images (filter, sort, limit)",
                         {Group::kCredentials},
                         {},
                         false,
                         "image listing"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    sub.add_flag("--user", user_, "Include images made by users (default: public images only)");
    sub.add_option("--filter", filter_, "Case-insensitive substring matched against every field")
        ->type_name("TEXT");
    sub.add_option("--sort-by", sort_by_, "Comma-separated fields, - prefix for descending (default: name)")
        ->type_name("FIELDS");
    sub.add_option("--limit", limit_, "Show at most N images (default: all)")->type_name("N");
    sub.add_flag("--detail", detail_, "One block per image with every detail");
  }
  bool user_ = false;
  std::string filter_;
  std::string sort_by_;
  int64_t limit_ = 0;
  bool detail_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeListImagesCommand() { return std::make_unique<ListImagesCommand>(); }

}  // namespace cloud_tasks::cli
