#include "cli/catalog_flags.h"

namespace cloud_tasks::cli {

void CatalogFlags::Add(CLI::App& app) {
  app.add_option("--catalog", options.catalog_file,
                 "Choose from this instance-type catalog instead of asking the provider: a CSV file in "
                 "SkyPilot's layout (InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,"
                 "Region,AvailabilityZone,Price,SpotPrice; optional Architecture,CpuFamily,LocalSsdGiB,"
                 "BootDiskTypes). Boot disk rates come from FILE_boot_disks.csv next to it when present. "
                 "Needs no credentials, so it plans offline")
      ->type_name("FILE")
      ->check(CLI::ExistingFile);
  app.add_flag("--refresh-prices", options.refresh_prices,
               "Fetch prices from the provider even when the cached ones are less than 24 hours old "
               "(cache: $XDG_CACHE_HOME/cloud_tasks/prices)");
}

}  // namespace cloud_tasks::cli
