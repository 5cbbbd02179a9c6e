#pragma once
/// Where the catalog a job chooses from comes from: a CSV file given with `--catalog`
/// (offline planning, reproducible tests), else the provider, through the on-disk price
/// cache for cloud providers (the local provider answers at once and is never cached).
/// A configured `zone` restricts the prices to that zone.

#include <string>
#include <vector>

#include "compute/catalog.h"
#include "compute/provider.h"
#include "config/keys.h"
#include "core/status.h"

namespace cloud_tasks::orchestrator {

struct CatalogSourceOptions {
  /// SkyPilot-layout CSV (selection/catalog_csv.h); "" = ask the provider. Boot disk
  /// rates are read from `<FILE without .csv>_boot_disks.csv` when that file exists.
  std::string catalog_file;
  bool refresh_prices = false;  ///< --refresh-prices: ignore the cached catalog
  std::string cache_dir;        ///< "" = DefaultPriceCacheDir()
};

/// The catalog, with one line per step taken in `notes` ("Prices from the cache ...",
/// "Catalog read from FILE: 63 instance types"). `provider` may be null when
/// `catalog_file` is set. Errors name the file or the provider call.
Result<compute::Catalog> LoadCatalog(compute::Provider* provider, const config::Settings& settings,
                                     const CatalogSourceOptions& options, std::vector<std::string>* notes);

/// Keeps only the prices of `zone` (and region-wide ones, whose zone ends in "*");
/// types left without any price are dropped. NotFound when nothing is offered there.
Status RestrictToZone(compute::Catalog& catalog, const std::string& zone);

}  // namespace cloud_tasks::orchestrator
