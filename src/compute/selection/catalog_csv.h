#pragma once
/// Reads an instance-type catalog from CSV in SkyPilot's layout:
///
///   InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,
///   AvailabilityZone,Price,SpotPrice
///
/// one row per type × zone, prices in USD/hour for vCPUs + memory (+ local SSD), without
/// the boot disk. Columns are found by header name, in any order; unknown columns are
/// ignored. Optional extra columns: Architecture (default from the options),
/// CpuFamily (ranked with CpuRank), LocalSsdGiB, BootDiskTypes (names separated by
/// spaces or ';'; empty = any). An empty Price or SpotPrice means the type is not offered
/// that way in that zone; a type supports spot when any zone has a SpotPrice.

#include <string>
#include <string_view>
#include <vector>

#include "compute/catalog.h"
#include "core/status.h"

namespace cloud_tasks::compute::selection {

struct CatalogCsvOptions {
  std::string provider;  ///< stored in Catalog::provider
  /// Only rows of this region are read; "" = the file must hold exactly one region.
  std::string region;
  /// Architecture of types when the file has no Architecture column or the cell is empty.
  std::string default_architecture = "X86_64";
};

struct CatalogCsv {
  Catalog catalog;                    ///< types in order of first appearance, zones in file order
  std::vector<std::string> warnings;  ///< skipped rows, unknown CPU families
};

/// Errors (InvalidArgument) name the place and the fix, e.g.
///   "gcp.csv:1: missing column 'SpotPrice' (header must include InstanceType,vCPUs,...)"
///   "gcp.csv:7: Price 'abc' is not a number (leave it empty when not offered)"
///   "gcp.csv:9: 9 fields but the header has 10 (quote fields that contain commas)"
/// Rows with a fractional vCPU count (shared-core types) are skipped with a warning.
Result<CatalogCsv> ParseCatalogCsv(std::string_view text, const std::string& file_name,
                                   const CatalogCsvOptions& options);

/// Reads `path` (NotFound when missing) and parses it.
Result<CatalogCsv> ReadCatalogCsv(const std::string& path, const CatalogCsvOptions& options);

/// Boot disk rates, one row per disk type, header
///   BootDiskType,PerGiBHour,PerIopsHour,PerMBpsHour
/// (USD per hour per GiB / provisioned IOPS / provisioned MB/s; the last two columns are
/// optional and an empty cell is 0). GCP publishes monthly prices: divide by 730.5.
Result<std::vector<BootDiskRate>> ParseBootDiskRatesCsv(std::string_view text, const std::string& file_name);
Result<std::vector<BootDiskRate>> ReadBootDiskRatesCsv(const std::string& path);

}  // namespace cloud_tasks::compute::selection
