// `cloud_tasks list_images`: boot images of a provider (CLI-11).

#include <fmt/format.h>

#include <algorithm>

#include "cli/provider_command.h"
#include "cli/sort_keys.h"
#include "cli/text_table.h"
#include "compute/factory/provider_factory.h"
#include "core/strings.h"

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
  int Execute(const config::Settings& settings) override {
    auto keys = ParseSortKeys(sort_by_.empty() ? "name" : sort_by_, SortFields());
    if (!keys.ok()) return Fail(keys.status().message());
    if (limit_ < 0) return Fail("--limit must be >= 0 (0 = no limit), not " + std::to_string(limit_));
    auto provider = compute::OpenProvider(settings);
    if (!provider.ok()) return Fail(provider.status().message());
    fmt::print("Retrieving images...\n");
    auto listed = (*provider)->ListImages();
    if (!listed.ok()) return Fail(listed.status().message());
    std::vector<compute::Image> images;
    std::string needle = ToLower(filter_);
    for (auto& image : *listed) {
      if (!user_ && ToLower(image.source) == "user") continue;
      if (!needle.empty() && !Matches(image, needle)) continue;
      images.push_back(std::move(image));
    }
    if (images.empty()) {
      fmt::print("No images found\n");
      return 0;
    }
    // Successive stable sorts, least significant key first (CLI-11).
    for (auto k = keys->rbegin(); k != keys->rend(); ++k) {
      std::stable_sort(images.begin(), images.end(), [&](const compute::Image& a, const compute::Image& b) {
        return k->descending ? Field(b, k->field) < Field(a, k->field)
                             : Field(a, k->field) < Field(b, k->field);
      });
    }
    if (limit_ > 0 && images.size() > static_cast<size_t>(limit_)) images.resize(static_cast<size_t>(limit_));
    fmt::print("Found {} {}images for {}:\n\n", images.size(), filter_.empty() ? "" : "filtered ",
               ToUpper(settings.provider));
    if (detail_) {
      for (const auto& i : images) {
        fmt::print("Name: {}\nSource: {}\nArchitecture: {}\n{}\nID: {}\n\n", i.name, i.source, i.architecture,
                   i.description, i.id);
      }
    } else {
      TextTable table;
      for (const char* column : {"ID", "Name", "Architecture", "Source"}) table.AddColumn(column);
      for (const auto& i : images) table.AddRow({i.id, i.name, i.architecture, i.source});
      fmt::print("{}", table.Render());
    }
    fmt::print("\nTo use an image, give its ID to --image (or `image:` in the configuration).\n");
    return 0;
  }

  static const std::vector<SortField>& SortFields() {
    static const std::vector<SortField> fields = {
        {"name", {"n"}},
        {"id", {}},
        {"description", {"descr", "desc"}},
        {"source", {"s", "project", "proj", "p"}},
        {"architecture", {"arch", "a"}},
        // Fields other providers' images have; the local provider's images leave them empty.
        {"family", {"fam", "f"}},
        {"creation_date", {"date"}},
        {"self_link", {"link", "url"}},
        {"status", {}},
        {"platform", {}},
        {"publisher", {"pub"}},
        {"offer", {"o"}},
        {"sku", {}},
        {"version", {"v"}},
        {"location", {"loc"}},
    };
    return fields;
  }

  static std::string Field(const compute::Image& i, const std::string& field) {
    if (field == "name") return i.name;
    if (field == "id") return i.id;
    if (field == "description") return i.description;
    if (field == "source") return i.source;
    if (field == "architecture") return i.architecture;
    return "";
  }

  static bool Matches(const compute::Image& i, const std::string& needle) {
    for (const std::string* f : {&i.id, &i.name, &i.description, &i.architecture, &i.source}) {
      if (ToLower(*f).find(needle) != std::string::npos) return true;
    }
    return false;
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
