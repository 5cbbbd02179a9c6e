// `cloud_tasks list_regions`: regions and zones of a provider (CLI-10).

#include <fmt/format.h>

#include <algorithm>

#include "cli/provider_command.h"
#include "cli/text_table.h"
#include "compute/factory/provider_factory.h"
#include "core/strings.h"

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
  int Execute(const config::Settings& settings) override {
    auto provider = compute::OpenProvider(settings);
    if (!provider.ok()) return Fail(provider.status().message());
    auto listed = (*provider)->ListRegions();
    if (!listed.ok()) return Fail(listed.status().message());
    std::vector<std::string> regions;
    for (auto& r : *listed) {
      if (StartsWith(r, prefix_)) regions.push_back(std::move(r));
    }
    std::sort(regions.begin(), regions.end());
    if (regions.empty()) {
      fmt::print("{}\n",
                 prefix_.empty() ? "No regions found" : "No regions found with prefix '" + prefix_ + "'");
      return 0;
    }
    std::vector<std::string> zones(regions.size());
    if (zones_ || detail_) {
      for (size_t i = 0; i < regions.size(); ++i) {
        auto z = (*provider)->ListZones(regions[i]);
        if (!z.ok()) return Fail(z.status().message());
        std::sort(z->begin(), z->end());
        zones[i] = Join(*z, ", ");
      }
    }
    fmt::print("Found {} regions{}\n\n", regions.size(),
               prefix_.empty() ? ":" : " (filtered by prefix: " + prefix_ + ")");
    std::string description = Description(settings.provider);
    if (detail_) {
      for (size_t i = 0; i < regions.size(); ++i) {
        fmt::print("Region: {}\nDescription: {}\nZones: {}\n\n", regions[i], description,
                   zones[i].empty() ? "None" : zones[i]);
      }
      return 0;
    }
    TextTable table;
    table.AddColumn("Region");
    table.AddColumn("Description");
    if (zones_) table.AddColumn("Zones");
    for (size_t i = 0; i < regions.size(); ++i) {
      table.AddRow({regions[i], description, zones[i].empty() ? "None found" : zones[i]});
    }
    fmt::print("{}", table.Render());
    return 0;
  }

  static std::string Description(const std::string& provider) {
    return provider == "local" ? "This machine" : "";
  }

  std::string prefix_;
  bool zones_ = false;
  bool detail_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeListRegionsCommand() { return std::make_unique<ListRegionsCommand>(); }

}  // namespace cloud_tasks::cli
