#pragma once
/// The user's requirements on an instance type (INS-03, INS-04) and the matcher that
/// checks one type against them. A missing value means "no limit". Every min/max bound
/// is inclusive.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compute/provider.h"
#include "compute/selection/boot_disk.h"
#include "core/status.h"

namespace re2 {
class RE2;
}

namespace cloud_tasks::compute::selection {

/// Boot disk choice and size; the types also restrict which prices are candidates.
struct BootDiskOptions {
  /// Allowed types (lower case); empty = every type the instance type supports.
  std::vector<std::string> types;
  BootDiskSizing sizing;
  int iops = 3120;       ///< provisioned IOPS, priced where the disk type has an IOPS rate
  int throughput = 170;  ///< provisioned MB/s, priced where the disk type has a throughput rate
};

struct Constraints {
  std::optional<std::string> architecture;  ///< case-insensitive; AMD64 = X86_64, AARCH64 = ARM64
  std::optional<std::string> cpu_family;    ///< case-insensitive equality (BUG-CFG-02: applied)
  std::optional<int> min_cpu_rank, max_cpu_rank;
  std::optional<int> min_cpu, max_cpu;
  double cpus_per_task = 1;  ///< > 0
  std::optional<int> min_tasks_per_instance, max_tasks_per_instance;
  std::optional<double> min_total_memory, max_total_memory;
  std::optional<double> min_memory_per_cpu, max_memory_per_cpu;
  std::optional<double> min_memory_per_task, max_memory_per_task;
  std::optional<double> min_local_ssd, max_local_ssd;
  double local_ssd_base_size = 0;
  std::optional<double> min_local_ssd_per_cpu, max_local_ssd_per_cpu;
  std::optional<double> min_local_ssd_per_task, max_local_ssd_per_task;
  /// RE2 patterns; a type passes when any matches anywhere in its name (unless anchored
  /// with ^ or $; BUG-CFG-04). Empty = every name.
  std::vector<std::string> instance_types;
  /// Set (true or false): the type must support spot, as in the original (INS-03: "if
  /// use_spot is present and non-null, even false"); on AWS this removes the few
  /// on-demand-only types. true: priced at spot prices; false or unset: on-demand
  /// prices. Unset (the default; BUG-CFG-01 fixed): no spot requirement.
  std::optional<bool> use_spot;
  BootDiskOptions boot_disk;
};

/// The type filters, in the order they are applied. A type is counted against the first
/// one it fails (see Choice::removals).
enum class ConstraintId {
  kInstanceTypes,
  kArchitecture,
  kCpuFamily,
  kMinCpuRank,
  kMaxCpuRank,
  kMinCpu,
  kMaxCpu,
  kMinTotalMemory,
  kMaxTotalMemory,
  kMinMemoryPerCpu,
  kMaxMemoryPerCpu,
  kMinMemoryPerTask,
  kMaxMemoryPerTask,
  kMinLocalSsd,
  kMaxLocalSsd,
  kMinLocalSsdPerCpu,
  kMaxLocalSsdPerCpu,
  kMinLocalSsdPerTask,
  kMaxLocalSsdPerTask,
  kUseSpot,
};
inline constexpr int kConstraintCount = static_cast<int>(ConstraintId::kUseSpot) + 1;

/// The config key a constraint comes from: "min_cpu", "instance_types", ...
std::string_view ConstraintName(ConstraintId id);

/// Checks instance types against compiled constraints. Movable, cheap to query.
class ConstraintMatcher {
 public:
  /// Compiles the patterns and derives the effective bounds: min_cpu = max(min_cpu,
  /// cpus_per_task × min_tasks_per_instance), max_cpu = min(max_cpu, cpus_per_task ×
  /// max_tasks_per_instance). Errors: an invalid pattern ("instance_types: invalid
  /// pattern '(': missing ): ..."), cpus_per_task <= 0.
  static Result<ConstraintMatcher> Create(const Constraints& constraints);

  ConstraintMatcher(ConstraintMatcher&&) noexcept;
  ConstraintMatcher& operator=(ConstraintMatcher&&) noexcept;
  ~ConstraintMatcher();

  /// The first constraint (in ConstraintId order) that `type` fails; nullopt if none.
  std::optional<ConstraintId> FirstFailure(const InstanceType& type) const;

  /// Whether constraint `id` is set at all (an unset one never removes anything).
  bool IsSet(ConstraintId id) const;

  /// The constraint with its effective value, e.g. "min_cpu (64)", "architecture (ARM64)",
  /// "instance_types (^n2-, n4)". Effective: "min_cpu (16 = 4 cpus_per_task × 4
  /// min_tasks_per_instance)" when the per-task form is the binding one.
  std::string Describe(ConstraintId id) const;

  const Constraints& constraints() const { return constraints_; }
  double effective_min_cpu() const { return min_cpu_; }  ///< 0 when unset
  double effective_max_cpu() const { return max_cpu_; }  ///< +inf when unset

 private:
  ConstraintMatcher() = default;
  bool Holds(ConstraintId id, const InstanceType& type) const;

  Constraints constraints_;
  std::vector<std::unique_ptr<re2::RE2>> patterns_;
  std::string architecture_;  ///< normalised, "" = any
  std::string cpu_family_;    ///< lower case, "" = any
  double min_cpu_ = 0;
  double max_cpu_ = 0;
  std::string min_cpu_why_, max_cpu_why_;
};

/// Upper case with aliases folded: "amd64"/"x86-64" → "X86_64", "aarch64" → "ARM64".
std::string NormalizeArchitecture(std::string_view arch);

}  // namespace cloud_tasks::compute::selection
