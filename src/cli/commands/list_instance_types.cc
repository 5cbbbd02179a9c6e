// `cloud_tasks list_instance_types`: instance types with prices, under the merged
// constraints like `run` (CLI-12, BUG-CLI-03 fixed): one row per (type, zone, boot disk
// type) price, sorted, filtered, limited, as a table, JSON or CSV.

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cli/catalog_flags.h"
#include "cli/provider_command.h"
#include "cli/sort_keys.h"
#include "cli/text_table.h"
#include "compute/factory/provider_factory.h"
#include "core/json.h"
#include "core/strings.h"
#include "compute/selection/constraints_from_settings.h"
#include "compute/selection/price_list.h"
#include "orchestrator/catalog_source.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

using Row = compute::selection::PricedOption;

const std::vector<SortField>& SortFields() {
  static const std::vector<SortField> fields = {
      {"name", {"type", "t"}},
      {"cpu_family", {"family", "processor_type", "processor", "p_type", "ptype", "pt"}},
      {"cpu_rank", {"performance_rank", "cr", "pr", "rank", "r"}},
      {"vcpu", {"v", "cpu", "c"}},
      {"mem_gb", {"memory", "mem", "m", "ram"}},
      {"local_ssd", {"local_ssd_gb", "lssd", "ssd"}},
      {"boot_disk", {"boot_disk_gb", "disk"}},
      {"architecture", {"arch", "a"}},
      {"description", {"d", "desc"}},
      {"boot_disk_type", {}},
      {"boot_disk_price", {}},
      {"compute_price", {"cpu_price", "cp", "vcpu_price"}},
      {"total_price", {"cost", "p", "tp"}},
      {"total_price_per_cpu", {"tp_per_cpu"}},
      {"zone", {"z"}},
      // Price parts other providers itemise; the local provider quotes them as 0.
      {"per_cpu_price", {"cpu_price_per_cpu", "vcpu_price_per_cpu"}},
      {"mem_price", {"mp"}},
      {"mem_per_gb_price", {}},
      {"boot_disk_per_gb_price", {}},
      {"boot_disk_iops_price", {}},
      {"boot_disk_throughput_price", {}},
      {"local_ssd_price", {"lssd_price", "ssd_price"}},
      {"local_ssd_per_gb_price", {"lssd_per_gb_price"}},
  };
  return fields;
}

// Numbers compare as numbers, text as text; fields a row lacks count as 0 (CLI-12).
int Compare(const Row& a, const Row& b, const std::string& f) {
  auto num = [&](double x, double y) { return x < y ? -1 : (y < x ? 1 : 0); };
  auto text = [&](const std::string& x, const std::string& y) {
    return x.compare(y) < 0 ? -1 : (x == y ? 0 : 1);
  };
  if (f == "name") return text(a.type.name, b.type.name);
  if (f == "cpu_family") return text(a.type.cpu_family, b.type.cpu_family);
  if (f == "cpu_rank") return num(a.type.cpu_rank, b.type.cpu_rank);
  if (f == "vcpu") return num(a.type.vcpu, b.type.vcpu);
  if (f == "mem_gb") return num(a.type.mem_gb, b.type.mem_gb);
  if (f == "local_ssd") return num(a.type.local_ssd_gb, b.type.local_ssd_gb);
  if (f == "boot_disk") return num(a.boot_disk_gb, b.boot_disk_gb);
  if (f == "architecture") return text(a.type.architecture, b.type.architecture);
  if (f == "description") return text(a.type.description, b.type.description);
  if (f == "boot_disk_type") return text(a.boot_disk_type, b.boot_disk_type);
  if (f == "boot_disk_price") return num(a.boot_disk_price, b.boot_disk_price);
  if (f == "compute_price") return num(a.compute_price, b.compute_price);
  if (f == "total_price") return num(a.total_price, b.total_price);
  if (f == "total_price_per_cpu") return num(a.price_per_vcpu, b.price_per_vcpu);
  if (f == "zone") return text(a.zone, b.zone);
  return 0;
}

bool MatchesFilter(const compute::InstanceType& t, const std::string& needle) {
  for (const std::string& field : {t.name, t.architecture, t.description, t.cpu_family,
                                   std::to_string(t.vcpu), fmt::format("{}", t.mem_gb)}) {
    if (ToLower(field).find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

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
    sub.add_option(
           "--sort-by", sort_by_,
           "Comma-separated fields or aliases (vcpu, mem, name, zone, total_price, tp_per_cpu, rank, ...), "
           "- prefix for descending (default: vcpu,mem_gb,name,zone)")
        ->type_name("FIELDS");
    sub.add_option("--limit", limit_, "Show at most N rows after sorting (default: all)")->type_name("N");
    catalog_.Add(sub);
    sub.add_flag("--detail", detail_, "Add price per vCPU, processor, performance rank and description");
    sub.add_option("--format", format_, "table (default), json or csv")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"table", "json", "csv"}));
  }

  int Execute(const config::Settings& settings) override {
    auto keys = ParseSortKeys(sort_by_.empty() ? "vcpu,mem_gb,name,zone" : sort_by_, SortFields());
    if (!keys.ok()) return Fail(keys.status().message());
    if (limit_ < 0) return Fail("--limit must be >= 0 (0 = no limit), not " + std::to_string(limit_));
    auto matcher = compute::selection::ConstraintMatcher::Create(compute::selection::ConstraintsFromSettings(settings));
    if (!matcher.ok()) return Fail(matcher.status().message());
    std::unique_ptr<compute::Provider> provider;
    if (catalog_.options.catalog_file.empty()) {  // a catalog file needs no provider (offline)
      auto opened = compute::OpenProvider(settings);
      if (!opened.ok()) return Fail(opened.status().message());
      provider = std::move(*opened);
    }
    bool table = format_ == "table";
    if (table) fmt::print("Retrieving instance types and prices...\n");
    std::vector<std::string> notes;
    auto catalog = orchestrator::LoadCatalog(provider.get(), settings, catalog_.options, &notes);
    if (!catalog.ok()) return Fail(catalog.status().message());
    if (table) {
      for (const auto& n : notes) fmt::print("{}\n", n);
    }
    std::vector<Row> rows = compute::selection::ListPricedOptions(*catalog, *matcher);
    std::string needle = ToLower(filter_);
    if (!needle.empty()) std::erase_if(rows, [&](const Row& r) { return !MatchesFilter(r.type, needle); });
    if (rows.empty()) {
      if (table) fmt::print("No instance types found\n");
      return Print({});
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      for (const auto& k : *keys) {
        int c = Compare(a, b, k.field);
        if (c != 0) return k.descending ? c > 0 : c < 0;
      }
      return false;
    });
    if (limit_ > 0 && rows.size() > static_cast<size_t>(limit_)) rows.resize(static_cast<size_t>(limit_));
    return Print(rows);
  }

 private:
  int Print(const std::vector<Row>& rows) {
    if (format_ == "json") {
      Json out = Json::array();
      for (const auto& r : rows) {
        out.push_back({{"name", r.type.name},
                       {"architecture", r.type.architecture},
                       {"vcpu", r.type.vcpu},
                       {"mem_gb", r.type.mem_gb},
                       {"local_ssd_gb", r.type.local_ssd_gb},
                       {"boot_disk_gb", r.boot_disk_gb},
                       {"boot_disk_type", r.boot_disk_type},
                       {"zone", r.zone},
                       {"spot", r.spot},
                       {"compute_price", r.compute_price},
                       {"boot_disk_price", r.boot_disk_price},
                       {"total_price", r.total_price},
                       {"total_price_per_cpu", r.price_per_vcpu},
                       {"cpu_family", r.type.cpu_family},
                       {"cpu_rank", r.type.cpu_rank},
                       {"description", r.type.description}});
      }
      fmt::print("{}\n", out.dump(2));
      return 0;
    }
    if (format_ == "csv") {
      fmt::print(
          "name,architecture,vcpu,mem_gb,local_ssd_gb,boot_disk_gb,boot_disk_type,zone,spot,total_price,"
          "total_price_per_cpu,cpu_family,cpu_rank,description\n");
      for (const auto& r : rows) {
        fmt::print("{},{},{},{:.2f},{:.2f},{},{},{},{},{:.6f},{:.6f},{},{},{}\n", CsvField(r.type.name),
                   CsvField(r.type.architecture), r.type.vcpu, r.type.mem_gb, r.type.local_ssd_gb,
                   r.boot_disk_gb, CsvField(r.boot_disk_type), CsvField(r.zone),
                   r.spot ? "true" : "false", r.total_price, r.price_per_vcpu,
                   CsvField(r.type.cpu_family), r.type.cpu_rank, CsvField(r.type.description));
      }
      return 0;
    }
    if (rows.empty()) return 0;
    bool any_ssd =
        std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r.type.local_ssd_gb > 0; });
    using A = TextTable::Align;
    TextTable t;
    t.AddColumn("Instance\nType");
    t.AddColumn("Arch");
    t.AddColumn("vCPU", A::kRight);
    t.AddColumn("Mem\n(GB)", A::kRight);
    if (any_ssd) t.AddColumn("LSSD\n(GB)", A::kRight);
    t.AddColumn("Disk\n(GB)", A::kRight);
    t.AddColumn("Boot Disk\nType");
    t.AddColumn("Total $\n(/Hr)", A::kRight);
    if (detail_) t.AddColumn("Total $\n(/vCPU/Hr)", A::kRight);
    t.AddColumn("Zone");
    if (detail_) {
      t.AddColumn("Processor");
      t.AddColumn("Perf\nRank", A::kRight);
      t.AddColumn("Description");
    }
    for (const auto& r : rows) {
      std::vector<std::string> cells = {r.type.name, r.type.architecture, std::to_string(r.type.vcpu),
                                        fmt::format("{:.2f}", r.type.mem_gb)};
      if (any_ssd) cells.push_back(fmt::format("{:.2f}", r.type.local_ssd_gb));
      cells.push_back(fmt::format("{:.2f}", static_cast<double>(r.boot_disk_gb)));
      cells.push_back(r.boot_disk_type);
      cells.push_back(fmt::format("{:.4f}", r.total_price));
      if (detail_) cells.push_back(fmt::format("{:.5f}", r.price_per_vcpu));
      cells.push_back(r.zone);
      if (detail_) {
        cells.push_back(r.type.cpu_family);
        cells.push_back(std::to_string(r.type.cpu_rank));
        cells.push_back(r.type.description);
      }
      t.AddRow(std::move(cells));
    }
    fmt::print("{}", t.Render());
    return 0;
  }

  CatalogFlags catalog_;
  std::string filter_;
  std::string sort_by_;
  int64_t limit_ = 0;
  bool detail_ = false;
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> MakeListInstanceTypesCommand() {
  return std::make_unique<ListInstanceTypesCommand>();
}

}  // namespace cloud_tasks::cli
