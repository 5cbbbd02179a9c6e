#pragma once
/// Every priced way to run the types that meet the constraints, for listings
/// (`list_instance_types`); the choice itself is choose.h.

#include <vector>

#include "compute/catalog.h"
#include "compute/selection/constraints.h"
#include "compute/selection/pricing.h"

namespace cloud_tasks::compute::selection {

/// One option per (type meeting the constraints, zone with a price in the mode of
/// `use_spot`, boot disk type the type may use under the constraints), in catalog order
/// (types, then zones, then disk types). Types without vCPUs are skipped.
std::vector<PricedOption> ListPricedOptions(const Catalog& catalog, const ConstraintMatcher& matcher);

}  // namespace cloud_tasks::compute::selection
