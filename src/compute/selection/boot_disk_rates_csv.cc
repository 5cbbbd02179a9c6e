// Reader of boot disk rate files (declared in catalog_csv.h).

#include <fmt/format.h>

#include "compute/selection/catalog_csv.h"
#include "compute/selection/csv.h"
#include "core/files.h"
#include "core/strings.h"

namespace cloud_tasks::compute::selection {
namespace {

constexpr std::string_view kHeader = "BootDiskType,PerGiBHour,PerIopsHour,PerMBpsHour";

Status AtLine(const std::string& file, int line, const std::string& message) {
  return InvalidArgumentError(fmt::format("{}:{}: {}", file, line, message));
}

// Reads cell `col` (absent column or empty cell = 0) into `out`; false if not a number.
bool Rate(const std::vector<std::string>& row, std::optional<size_t> col, double& out) {
  out = 0;
  if (!col || Trim(row[*col]).empty()) return true;
  auto v = ParseCsvNumber(row[*col]);
  if (!v || *v < 0) return false;
  out = *v;
  return true;
}

}  // namespace

Result<std::vector<BootDiskRate>> ParseBootDiskRatesCsv(std::string_view text, const std::string& file) {
  std::vector<BootDiskRate> out;
  std::optional<CsvHeader> header;
  CsvLines lines(text);
  std::string_view line;
  int line_no = 0;
  while (lines.Next(line, line_no)) {
    auto fields = SplitCsvLine(line);
    if (!fields.ok()) return AtLine(file, line_no, fields.status().message());
    if (!header) {
      auto h = CsvHeader::Create(std::move(*fields));
      if (!h.ok()) return AtLine(file, line_no, h.status().message());
      if (!h->Find("BootDiskType") || !h->Find("PerGiBHour")) {
        return AtLine(file, line_no, fmt::format("the header must be {}", kHeader));
      }
      header = std::move(*h);
      continue;
    }
    if (fields->size() != header->size()) {
      return AtLine(file, line_no,
                    fmt::format("{} fields but the header has {}", fields->size(), header->size()));
    }
    BootDiskRate rate;
    rate.type = ToLower(Trim((*fields)[*header->Find("BootDiskType")]));
    if (rate.type.empty()) return AtLine(file, line_no, "BootDiskType is empty");
    for (const BootDiskRate& r : out) {
      if (r.type == rate.type)
        return AtLine(file, line_no, "boot disk type '" + rate.type + "' appears twice");
    }
    auto gb = ParseCsvNumber((*fields)[*header->Find("PerGiBHour")]);
    if (!gb || *gb < 0)
      return AtLine(file, line_no, "PerGiBHour must be a non-negative number (USD per GiB-hour)");
    rate.per_gb_hour = *gb;
    if (!Rate(*fields, header->Find("PerIopsHour"), rate.per_iops_hour) ||
        !Rate(*fields, header->Find("PerMBpsHour"), rate.per_mbps_hour)) {
      return AtLine(file, line_no, "PerIopsHour and PerMBpsHour must be non-negative numbers or empty");
    }
    out.push_back(std::move(rate));
  }
  if (!header)
    return InvalidArgumentError(fmt::format("{}: empty file (expected the header {})", file, kHeader));
  return out;
}

Result<std::vector<BootDiskRate>> ReadBootDiskRatesCsv(const std::string& path) {
  if (!FileExists(path)) return NotFoundError("boot disk rates file not found: " + path);
  CT_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return ParseBootDiskRatesCsv(text, path);
}

}  // namespace cloud_tasks::compute::selection
