#include "orchestrator/catalog_source.h"

#include <fmt/format.h>

#include <algorithm>

#include "compute/selection/catalog_csv.h"
#include "compute/selection/price_cache.h"
#include "core/files.h"
#include "core/state_dir.h"
#include "core/strings.h"

namespace cloud_tasks::orchestrator {
namespace {

Result<compute::Catalog> FromFile(const config::Settings& s, const std::string& path,
                                  std::vector<std::string>& notes) {
  compute::selection::CatalogCsvOptions o;
  o.provider = s.provider;
  o.region = s.provider == "local" ? "" : s.region.value_or("");
  CT_ASSIGN_OR_RETURN(auto read, compute::selection::ReadCatalogCsv(path, o));
  for (const auto& w : read.warnings) notes.push_back("Warning: " + w);
  std::string rates = (EndsWith(path, ".csv") ? path.substr(0, path.size() - 4) : path) + "_boot_disks.csv";
  if (FileExists(rates)) {
    CT_ASSIGN_OR_RETURN(read.catalog.boot_disks, compute::selection::ReadBootDiskRatesCsv(rates));
    notes.push_back(fmt::format("Boot disk rates read from {}: {} disk types", rates,
                                read.catalog.boot_disks.size()));
  }
  notes.push_back(fmt::format("Catalog read from {}: {} instance types in {}", path, read.catalog.types.size(),
                              read.catalog.region.empty() ? "its region" : read.catalog.region));
  return std::move(read.catalog);
}

Result<compute::Catalog> FromProvider(compute::Provider& provider, const config::Settings& s,
                                      const CatalogSourceOptions& options, std::vector<std::string>& notes) {
  if (provider.name() == "local") return provider.GetCatalog();
  compute::selection::PriceCacheOptions co;
  co.directory = options.cache_dir.empty() ? DefaultPriceCacheDir() : options.cache_dir;
  co.refresh = options.refresh_prices;
  compute::selection::PriceCache cache(co);
  compute::selection::PriceCacheKey key;
  key.provider = std::string(provider.name());
  key.project = s.project_id.value_or("");
  key.region = s.region.value_or("");
  bool hit = false;
  CT_ASSIGN_OR_RETURN(auto catalog, cache.GetOrFetch(key, [&] { return provider.GetCatalog(); }, &hit));
  notes.push_back(fmt::format("Prices {} {}", hit ? "from the cache" : "fetched and cached in",
                              cache.PathFor(key)));
  return catalog;
}

}  // namespace

Status RestrictToZone(compute::Catalog& catalog, const std::string& zone) {
  for (auto& ct : catalog.types) {
    std::erase_if(ct.zones, [&](const compute::ZonePrice& z) { return z.zone != zone && !EndsWith(z.zone, "*"); });
  }
  std::erase_if(catalog.types, [](const compute::CatalogType& ct) { return ct.zones.empty(); });
  if (catalog.types.empty()) {
    return NotFoundError(fmt::format("No instance type has a price in zone '{}' (check --zone, or leave it "
                                     "out to use any zone of the region)",
                                     zone));
  }
  return OkStatus();
}

Result<compute::Catalog> LoadCatalog(compute::Provider* provider, const config::Settings& settings,
                                     const CatalogSourceOptions& options, std::vector<std::string>* notes) {
  std::vector<std::string> local_notes;
  std::vector<std::string>& n = notes ? *notes : local_notes;
  if (options.catalog_file.empty() && provider == nullptr)
    return InternalError("LoadCatalog: neither a catalog file nor a provider");
  auto catalog = options.catalog_file.empty() ? FromProvider(*provider, settings, options, n)
                                              : FromFile(settings, options.catalog_file, n);
  if (!catalog.ok()) return catalog.status();
  if (settings.zone && !settings.zone->empty() && settings.provider != "local") {
    CT_RETURN_IF_ERROR(RestrictToZone(*catalog, *settings.zone));
  }
  return catalog;
}

}  // namespace cloud_tasks::orchestrator
