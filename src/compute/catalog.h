#pragma once
/// What a provider offers in one region, in the shape the selection reads: instance types
/// (INS-01), each with its per-zone compute prices, and the boot disk rates (INS-02).
/// Filled by a provider backend (Provider::GetCatalog), by the CSV reader
/// (selection/catalog_csv.h) or from the price cache (selection/price_cache.h).

#include <optional>
#include <string>
#include <vector>

namespace cloud_tasks::compute {

/// A machine type (INS-01).
struct InstanceType {
  std::string name;
  int vcpu = 0;
  double mem_gb = 0;
  double local_ssd_gb = 0;
  std::string architecture;  ///< "X86_64" or "ARM64"
  bool supports_spot = false;
  std::string description;
  std::string cpu_family;  ///< e.g. "Intel Cascade Lake"; "" when unknown
  int cpu_rank = 0;        ///< INS-05 rank of cpu_family; 0 when unknown
  /// Boot disk types this type can use, e.g. {"pd-balanced", "pd-ssd"}; {} = any.
  std::vector<std::string> boot_disk_types;
};

/// Compute price of one type in one zone, USD/hour: vCPUs + memory + local SSD, without
/// the boot disk. An unset price means "not offered there" (e.g. no spot in that zone).
struct ZonePrice {
  std::string zone;  ///< e.g. "us-central1-a"; "us-central1-*" when pricing is regional
  std::optional<double> on_demand;
  std::optional<double> spot;
};

/// An instance type with its prices in the catalog's region.
struct CatalogType {
  InstanceType type;
  std::vector<ZonePrice> zones;
};

/// Price of one boot disk type, USD per hour per unit. The IOPS and throughput rates
/// apply only when non-zero (pd-extreme, hd-balanced), to the provisioned amounts.
struct BootDiskRate {
  std::string type;  ///< "pd-balanced", "gp3", ...
  double per_gb_hour = 0;
  double per_iops_hour = 0;
  double per_mbps_hour = 0;  ///< throughput, per MB/s
};

struct Catalog {
  std::string provider;  ///< "gcp", "aws", ...
  std::string region;
  std::vector<CatalogType> types;
  /// Empty: the boot disk is not priced (price 0) and each candidate is offered with each
  /// of its allowed disk types (or "" when neither side names any).
  std::vector<BootDiskRate> boot_disks;
};

}  // namespace cloud_tasks::compute
