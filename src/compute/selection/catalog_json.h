#pragma once
/// Catalog <-> JSON, the body of the price cache file (price_cache.h).

#include "compute/catalog.h"
#include "core/json.h"
#include "core/status.h"

namespace cloud_tasks::compute::selection {

/// {"provider", "region", "types": [{"name", "vcpu", "mem_gb", "local_ssd_gb",
/// "architecture", "supports_spot", "description", "cpu_family", "cpu_rank",
/// "boot_disk_types": [...], "zones": [{"zone", "on_demand", "spot"}]}],
/// "boot_disks": [{"type", "per_gb_hour", "per_iops_hour", "per_mbps_hour"}]}.
/// An unset price is null. Doubles round-trip exactly.
Json CatalogToJson(const Catalog& catalog);

/// The inverse; InvalidArgument naming the first missing or mistyped field.
Result<Catalog> CatalogFromJson(const Json& json);

}  // namespace cloud_tasks::compute::selection
