#pragma once
/// The choice of instance type (ORC-10..12): filter the catalog's types by the
/// constraints, price every remaining (type, zone, boot disk type) at spot or on-demand
/// prices, and take the lowest total price per vCPU.
///
/// Comparison: prices per vCPU are compared exactly, except that two types within
/// `relative_tolerance` of the cheapest (default 1e-9 relative, i.e. equal up to float
/// noise) count as equally cheap; among those the one with more vCPUs wins, then the
/// smaller name. Within one type the cheapest zone and disk type win, exact ties going to
/// the smaller zone name, then the smaller disk type name. The original rounded to 4
/// (GCP) or 2 (AWS) decimals instead, which let a type up to $0.005/vCPU/hour dearer win.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "compute/catalog.h"
#include "compute/selection/constraints.h"
#include "compute/selection/pricing.h"
#include "core/status.h"

namespace cloud_tasks::compute::selection {

struct ChooseOptions {
  double relative_tolerance = 1e-9;
  size_t runners_up = 3;  ///< how many next-best types to report
};

/// How many instance types one constraint removed. Constraints are applied in
/// ConstraintId order and a type is counted against the first one it fails, so the
/// counts add up to the number of types removed and read as a funnel.
struct Removal {
  ConstraintId id = ConstraintId::kInstanceTypes;
  std::string constraint;  ///< ConstraintMatcher::Describe, e.g. "min_cpu (64)"
  int64_t removed = 0;
};

struct Choice {
  PricedOption winner;
  /// The best option of each next-cheapest type, cheapest first (exact price per vCPU,
  /// then more vCPUs, then name); at most ChooseOptions::runners_up.
  std::vector<PricedOption> runners_up;
  std::vector<Removal> removals;  ///< only constraints that removed something, in order
  int64_t types_in_catalog = 0;
  int64_t types_matching = 0;  ///< passed every constraint
  int64_t types_unpriced = 0;  ///< matching, but no price for the mode (spot/on-demand)
  int64_t types_no_disk = 0;   ///< matching and priced, but no allowed boot disk type
  int64_t options_priced = 0;  ///< (type, zone, disk type) combinations compared
  std::vector<std::string> warnings;

  /// Human-readable lines: the winner and its price, the funnel, the runners-up.
  std::vector<std::string> Explain() const;
};

/// Chooses the cheapest type per vCPU meeting `constraints`. Errors (NotFound):
///   "No instance types in the catalog for gcp us-central1"
///   "No instance type meets the constraints: min_cpu (64) removed the last 12 candidates
///    (of 200 types: architecture (X86_64) removed 20, min_cpu (64) removed 12)"
///   "No pricing data found for any instance types: 3 types meet the constraints but
///    none has a spot price in us-central1"
///   "No pricing data found for any instance types: 3 types meet the constraints but
///    none can use the allowed boot disk types (pd-ssd)"
/// InvalidArgument for bad constraints (see ConstraintMatcher::Create).
Result<Choice> ChooseInstanceType(const Catalog& catalog, const Constraints& constraints,
                                  const ChooseOptions& options = {});

/// Same, with constraints compiled once (for repeated choices).
Result<Choice> ChooseInstanceType(const Catalog& catalog, const ConstraintMatcher& matcher,
                                  const ChooseOptions& options = {});

}  // namespace cloud_tasks::compute::selection
