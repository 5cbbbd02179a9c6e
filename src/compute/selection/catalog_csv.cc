#include "compute/selection/catalog_csv.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "compute/selection/cpu_rank.h"
#include "compute/selection/csv.h"
#include "core/files.h"
#include "core/strings.h"

namespace cloud_tasks::compute::selection {
namespace {

constexpr std::string_view kRequired[] = {
    "InstanceType", "vCPUs",  "MemoryGiB",        "AcceleratorName", "AcceleratorCount",
    "GpuInfo",      "Region", "AvailabilityZone", "Price",           "SpotPrice"};

std::string RequiredHeader() {
  std::string out;
  for (std::string_view name : kRequired) out += (out.empty() ? "" : ",") + std::string(name);
  return out;
}

struct Columns {
  size_t name, vcpus, mem, region, zone, price, spot;
  std::optional<size_t> arch, family, ssd, disks, acc_name, acc_count;
};

Result<Columns> FindColumns(const CsvHeader& h) {
  for (std::string_view name : kRequired) {
    if (!h.Find(name)) {
      return InvalidArgumentError(
          fmt::format("missing column '{}' (the header must include {})", name, RequiredHeader()));
    }
  }
  Columns c{
      *h.Find("InstanceType"),     *h.Find("vCPUs"),      *h.Find("MemoryGiB"),    *h.Find("Region"),
      *h.Find("AvailabilityZone"), *h.Find("Price"),      *h.Find("SpotPrice"),    h.Find("Architecture"),
      h.Find("CpuFamily"),         h.Find("LocalSsdGiB"), h.Find("BootDiskTypes"), h.Find("AcceleratorName"),
      h.Find("AcceleratorCount")};
  return c;
}

// A number cell; `optional_cell` allows "" (→ nullopt).
Result<std::optional<double>> Number(const std::vector<std::string>& row, size_t col, std::string_view column,
                                     bool optional_cell, std::string_view fix) {
  std::string_view text = Trim(row[col]);
  if (text.empty() && optional_cell) return std::optional<double>();
  auto value = ParseCsvNumber(text);
  if (!value || *value < 0) {
    return InvalidArgumentError(fmt::format("{} '{}' is not a non-negative number ({})", column, text, fix));
  }
  return std::optional<double>(value);
}

// The parser's state: the catalog being built and where each type was first seen.
struct Builder {
  const CatalogCsvOptions& options;
  CatalogCsv out;
  std::map<std::string, std::pair<size_t, int>, std::less<>> index;  // name → (type index, line)
  std::set<std::string, std::less<>> families_warned;
  std::set<std::string, std::less<>> skipped;
  std::string region;
};

Status AddRow(Builder& b, const Columns& col, const std::vector<std::string>& row, int line) {
  std::string name(Trim(row[col.name]));
  if (name.empty()) return InvalidArgumentError("InstanceType is empty (every row needs a type name)");
  std::string region(Trim(row[col.region]));
  if (!b.options.region.empty() && region != b.options.region) return OkStatus();
  if (b.region.empty()) b.region = region;
  if (region != b.region) {
    return InvalidArgumentError(
        fmt::format("Region '{}' differs from '{}' on an earlier row (pass the region "
                    "to read, or split the file by region)",
                    region, b.region));
  }
  CT_ASSIGN_OR_RETURN(auto vcpus, Number(row, col.vcpus, "vCPUs", false, "a whole number of vCPUs"));
  CT_ASSIGN_OR_RETURN(auto mem, Number(row, col.mem, "MemoryGiB", false, "memory in GiB"));
  CT_ASSIGN_OR_RETURN(auto price, Number(row, col.price, "Price", true, "leave it empty when not offered"));
  CT_ASSIGN_OR_RETURN(auto spot, Number(row, col.spot, "SpotPrice", true, "leave it empty when not offered"));
  std::optional<double> ssd;
  if (col.ssd) {
    CT_ASSIGN_OR_RETURN(ssd, Number(row, *col.ssd, "LocalSsdGiB", true, "local SSD in GB, empty for none"));
  }
  if (*vcpus < 1 || std::floor(*vcpus) != *vcpus) {
    if (!b.skipped.insert(name).second) return OkStatus();
    b.out.warnings.push_back(
        fmt::format("line {}: {} skipped: {:g} vCPUs is not a whole number", line, name, *vcpus));
    return OkStatus();
  }
  auto [it, inserted] = b.index.try_emplace(name, b.out.catalog.types.size(), line);
  if (inserted) {
    CatalogType ct;
    InstanceType& t = ct.type;
    t.name = name;
    t.vcpu = static_cast<int>(*vcpus);
    t.mem_gb = *mem;
    t.local_ssd_gb = ssd.value_or(0);
    std::string arch = col.arch ? std::string(Trim(row[*col.arch])) : "";
    t.architecture = ToUpper(arch.empty() ? b.options.default_architecture : arch);
    if (col.family) t.cpu_family = std::string(Trim(row[*col.family]));
    CpuRankLookup rank = CpuRank(t.cpu_family);
    t.cpu_rank = rank.rank;
    if (!rank.warning.empty() && b.families_warned.insert(t.cpu_family).second) {
      b.out.warnings.push_back(rank.warning);
    }
    if (col.disks) t.boot_disk_types = SplitAny(row[*col.disks], " ;");
    if (col.acc_name && !Trim(row[*col.acc_name]).empty()) {
      std::string count = col.acc_count ? std::string(Trim(row[*col.acc_count])) : "";
      t.description = count + " x " + std::string(Trim(row[*col.acc_name]));
    }
    b.out.catalog.types.push_back(std::move(ct));
  }
  CatalogType& ct = b.out.catalog.types[it->second.first];
  if (!inserted && (ct.type.vcpu != *vcpus || ct.type.mem_gb != *mem)) {
    return InvalidArgumentError(
        fmt::format("{} has {:g} vCPUs and {:g} GiB here but {} vCPUs and {:g} GiB on line {} "
                    "(one type must have one shape)",
                    name, *vcpus, *mem, ct.type.vcpu, ct.type.mem_gb, it->second.second));
  }
  std::string zone(Trim(row[col.zone]));
  if (zone.empty()) zone = region + "-*";
  for (const ZonePrice& z : ct.zones) {
    if (z.zone == zone)
      return InvalidArgumentError(
          fmt::format("{} in {} appears twice (one row per type and zone)", name, zone));
  }
  ct.zones.push_back(ZonePrice{zone, price, spot});
  if (spot) ct.type.supports_spot = true;
  return OkStatus();
}

Status AtLine(const std::string& file, int line, const Status& s) {
  return Status(s.code(), fmt::format("{}:{}: {}", file, line, s.message()));
}

}  // namespace

Result<CatalogCsv> ParseCatalogCsv(std::string_view text, const std::string& file,
                                   const CatalogCsvOptions& options) {
  Builder b{options, {}, {}, {}, {}, {}};
  std::optional<Columns> cols;
  size_t width = 0;
  CsvLines lines(text);
  std::string_view line;
  int line_no = 0;
  while (lines.Next(line, line_no)) {
    auto fields = SplitCsvLine(line);
    if (!fields.ok()) return AtLine(file, line_no, fields.status());
    if (!cols) {
      auto header = CsvHeader::Create(std::move(*fields));
      if (!header.ok()) return AtLine(file, line_no, header.status());
      auto found = FindColumns(*header);
      if (!found.ok()) return AtLine(file, line_no, found.status());
      cols = *found;
      width = header->size();
      continue;
    }
    if (fields->size() != width) {
      return AtLine(
          file, line_no,
          InvalidArgumentError(fmt::format(
              "{} fields but the header has {} (quote fields that contain commas)", fields->size(), width)));
    }
    Status s = AddRow(b, *cols, *fields, line_no);
    if (!s.ok()) return AtLine(file, line_no, s);
  }
  if (!cols)
    return InvalidArgumentError(
        fmt::format("{}: empty file (expected the header {})", file, RequiredHeader()));
  b.out.catalog.provider = options.provider;
  b.out.catalog.region = options.region.empty() ? b.region : options.region;
  return std::move(b.out);
}

Result<CatalogCsv> ReadCatalogCsv(const std::string& path, const CatalogCsvOptions& options) {
  if (!FileExists(path)) return NotFoundError("catalog file not found: " + path);
  CT_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseCatalogCsv(text, path, options);
}

}  // namespace cloud_tasks::compute::selection
