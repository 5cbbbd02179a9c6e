#include "compute/selection/constraints.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>

#include "core/strings.h"

namespace cloud_tasks::compute::selection {
namespace {

constexpr std::array<std::string_view, kConstraintCount> kNames = {
    "instance_types",
    "architecture",
    "cpu_family",
    "min_cpu_rank",
    "max_cpu_rank",
    "min_cpu",
    "max_cpu",
    "min_total_memory",
    "max_total_memory",
    "min_memory_per_cpu",
    "max_memory_per_cpu",
    "min_memory_per_task",
    "max_memory_per_task",
    "min_local_ssd",
    "max_local_ssd",
    "min_local_ssd_per_cpu",
    "max_local_ssd_per_cpu",
    "min_local_ssd_per_task",
    "max_local_ssd_per_task",
    "use_spot",
};

// Bounds are inclusive; the slack absorbs float noise such as 7.5 GB / 3 vCPU × 3.
constexpr double kSlack = 1e-9;
bool AtLeast(double v, const std::optional<double>& min) {
  return !min || v >= *min - kSlack * std::max(1.0, std::fabs(*min));
}
bool AtMost(double v, const std::optional<double>& max) {
  return !max || v <= *max + kSlack * std::max(1.0, std::fabs(*max));
}
std::optional<double> AsDouble(const std::optional<int>& v) {
  return v ? std::optional<double>(*v) : std::nullopt;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

std::string Num(double v) { return fmt::format("{:g}", v); }
std::string Num(const std::optional<double>& v) { return v ? Num(*v) : "unset"; }

}  // namespace

std::string_view ConstraintName(ConstraintId id) { return kNames[static_cast<size_t>(id)]; }

std::string NormalizeArchitecture(std::string_view arch) {
  std::string up = ToUpper(Trim(arch));
  if (up == "AMD64" || up == "X86-64" || up == "X64") return "X86_64";
  if (up == "AARCH64") return "ARM64";
  return up;
}

ConstraintMatcher::ConstraintMatcher(ConstraintMatcher&&) noexcept = default;
ConstraintMatcher& ConstraintMatcher::operator=(ConstraintMatcher&&) noexcept = default;
ConstraintMatcher::~ConstraintMatcher() = default;

Result<ConstraintMatcher> ConstraintMatcher::Create(const Constraints& c) {
  if (!(c.cpus_per_task > 0)) {
    return InvalidArgumentError(fmt::format("cpus_per_task ({}) must be greater than 0", c.cpus_per_task));
  }
  ConstraintMatcher m;
  m.constraints_ = c;
  for (const std::string& pattern : c.instance_types) {
    auto re = std::make_unique<re2::RE2>(pattern, re2::RE2::Quiet);
    if (!re->ok()) {
      return InvalidArgumentError("instance_types: invalid pattern '" + pattern + "': " + re->error() +
                                  " (patterns are RE2 regular expressions)");
    }
  }
  if (!c.instance_types.empty()) {
    // One alternation: one RE2 call per type instead of one per pattern.
    std::string all;
    for (const std::string& pattern : c.instance_types) all += (all.empty() ? "(?:" : "|(?:") + pattern + ")";
    m.patterns_.push_back(std::make_unique<re2::RE2>(all, re2::RE2::Quiet));
  }
  if (c.architecture) m.architecture_ = NormalizeArchitecture(*c.architecture);
  if (c.cpu_family) m.cpu_family_ = ToLower(Trim(*c.cpu_family));
  m.min_cpu_ = c.min_cpu.value_or(0);
  if (c.min_cpu) m.min_cpu_why_ = Num(*c.min_cpu);
  if (c.min_tasks_per_instance && c.cpus_per_task * *c.min_tasks_per_instance > m.min_cpu_) {
    m.min_cpu_ = c.cpus_per_task * *c.min_tasks_per_instance;
    m.min_cpu_why_ = fmt::format("{} = {} cpus_per_task × {} min_tasks_per_instance", Num(m.min_cpu_),
                                 Num(c.cpus_per_task), *c.min_tasks_per_instance);
  }
  m.max_cpu_ = c.max_cpu ? *c.max_cpu : std::numeric_limits<double>::infinity();
  if (c.max_cpu) m.max_cpu_why_ = Num(*c.max_cpu);
  if (c.max_tasks_per_instance && c.cpus_per_task * *c.max_tasks_per_instance < m.max_cpu_) {
    m.max_cpu_ = c.cpus_per_task * *c.max_tasks_per_instance;
    m.max_cpu_why_ = fmt::format("{} = {} cpus_per_task × {} max_tasks_per_instance", Num(m.max_cpu_),
                                 Num(c.cpus_per_task), *c.max_tasks_per_instance);
  }
  return m;
}

bool ConstraintMatcher::IsSet(ConstraintId id) const {
  const Constraints& c = constraints_;
  switch (id) {
    case ConstraintId::kInstanceTypes:
      return !patterns_.empty();
    case ConstraintId::kArchitecture:
      return !architecture_.empty();
    case ConstraintId::kCpuFamily:
      return !cpu_family_.empty();
    case ConstraintId::kMinCpuRank:
      return c.min_cpu_rank.has_value();
    case ConstraintId::kMaxCpuRank:
      return c.max_cpu_rank.has_value();
    case ConstraintId::kMinCpu:
      return !min_cpu_why_.empty();
    case ConstraintId::kMaxCpu:
      return !max_cpu_why_.empty();
    case ConstraintId::kMinTotalMemory:
      return c.min_total_memory.has_value();
    case ConstraintId::kMaxTotalMemory:
      return c.max_total_memory.has_value();
    case ConstraintId::kMinMemoryPerCpu:
      return c.min_memory_per_cpu.has_value();
    case ConstraintId::kMaxMemoryPerCpu:
      return c.max_memory_per_cpu.has_value();
    case ConstraintId::kMinMemoryPerTask:
      return c.min_memory_per_task.has_value();
    case ConstraintId::kMaxMemoryPerTask:
      return c.max_memory_per_task.has_value();
    case ConstraintId::kMinLocalSsd:
      return c.min_local_ssd.has_value();
    case ConstraintId::kMaxLocalSsd:
      return c.max_local_ssd.has_value();
    case ConstraintId::kMinLocalSsdPerCpu:
      return c.min_local_ssd_per_cpu.has_value();
    case ConstraintId::kMaxLocalSsdPerCpu:
      return c.max_local_ssd_per_cpu.has_value();
    case ConstraintId::kMinLocalSsdPerTask:
      return c.min_local_ssd_per_task.has_value();
    case ConstraintId::kMaxLocalSsdPerTask:
      return c.max_local_ssd_per_task.has_value();
    case ConstraintId::kUseSpot:
      return c.use_spot.has_value();
  }
  return false;
}

bool ConstraintMatcher::Holds(ConstraintId id, const InstanceType& t) const {
  const Constraints& c = constraints_;
  const double vcpu = std::max(t.vcpu, 1);  // a 0-vCPU record fails min_cpu, not a division
  const double mem_per_cpu = t.mem_gb / vcpu;
  const double ssd_per_cpu = (t.local_ssd_gb - c.local_ssd_base_size) / vcpu;
  switch (id) {
    case ConstraintId::kInstanceTypes:
      for (const auto& re : patterns_) {
        if (re2::RE2::PartialMatch(t.name, *re)) return true;
      }
      return patterns_.empty();
    case ConstraintId::kArchitecture:
      return architecture_.empty() || EqualsIgnoreCase(t.architecture, architecture_) ||
             NormalizeArchitecture(t.architecture) == architecture_;
    case ConstraintId::kCpuFamily:
      return cpu_family_.empty() || ToLower(Trim(t.cpu_family)) == cpu_family_;
    case ConstraintId::kMinCpuRank:
      return !c.min_cpu_rank || t.cpu_rank >= *c.min_cpu_rank;
    case ConstraintId::kMaxCpuRank:
      return !c.max_cpu_rank || t.cpu_rank <= *c.max_cpu_rank;
    case ConstraintId::kMinCpu:
      return AtLeast(t.vcpu, min_cpu_);
    case ConstraintId::kMaxCpu:
      return AtMost(t.vcpu, max_cpu_);
    case ConstraintId::kMinTotalMemory:
      return AtLeast(t.mem_gb, c.min_total_memory);
    case ConstraintId::kMaxTotalMemory:
      return AtMost(t.mem_gb, c.max_total_memory);
    case ConstraintId::kMinMemoryPerCpu:
      return AtLeast(mem_per_cpu, c.min_memory_per_cpu);
    case ConstraintId::kMaxMemoryPerCpu:
      return AtMost(mem_per_cpu, c.max_memory_per_cpu);
    case ConstraintId::kMinMemoryPerTask:
      return AtLeast(mem_per_cpu * c.cpus_per_task, c.min_memory_per_task);
    case ConstraintId::kMaxMemoryPerTask:
      return AtMost(mem_per_cpu * c.cpus_per_task, c.max_memory_per_task);
    case ConstraintId::kMinLocalSsd:
      return AtLeast(t.local_ssd_gb, c.min_local_ssd);
    case ConstraintId::kMaxLocalSsd:
      return AtMost(t.local_ssd_gb, c.max_local_ssd);
    case ConstraintId::kMinLocalSsdPerCpu:
      return AtLeast(ssd_per_cpu, c.min_local_ssd_per_cpu);
    case ConstraintId::kMaxLocalSsdPerCpu:
      return AtMost(ssd_per_cpu, c.max_local_ssd_per_cpu);
    case ConstraintId::kMinLocalSsdPerTask:
      return AtLeast(ssd_per_cpu * c.cpus_per_task, c.min_local_ssd_per_task);
    case ConstraintId::kMaxLocalSsdPerTask:
      return AtMost(ssd_per_cpu * c.cpus_per_task, c.max_local_ssd_per_task);
    case ConstraintId::kUseSpot:
      return !c.use_spot.has_value() || t.supports_spot;  // INS-03: even `use_spot: false`
  }
  return true;
}

std::optional<ConstraintId> ConstraintMatcher::FirstFailure(const InstanceType& type) const {
  for (int i = 0; i < kConstraintCount; ++i) {
    auto id = static_cast<ConstraintId>(i);
    if (!Holds(id, type)) return id;
  }
  return std::nullopt;
}

std::string ConstraintMatcher::Describe(ConstraintId id) const {
  const Constraints& c = constraints_;
  std::string value;
  switch (id) {
    case ConstraintId::kInstanceTypes:
      value = Join(c.instance_types, ", ");
      break;
    case ConstraintId::kArchitecture:
      value = architecture_;
      break;
    case ConstraintId::kCpuFamily:
      value = c.cpu_family.value_or("");
      break;
    case ConstraintId::kMinCpuRank:
      value = Num(AsDouble(c.min_cpu_rank));
      break;
    case ConstraintId::kMaxCpuRank:
      value = Num(AsDouble(c.max_cpu_rank));
      break;
    case ConstraintId::kMinCpu:
      value = min_cpu_why_;
      break;
    case ConstraintId::kMaxCpu:
      value = max_cpu_why_;
      break;
    case ConstraintId::kMinTotalMemory:
      value = Num(c.min_total_memory);
      break;
    case ConstraintId::kMaxTotalMemory:
      value = Num(c.max_total_memory);
      break;
    case ConstraintId::kMinMemoryPerCpu:
      value = Num(c.min_memory_per_cpu);
      break;
    case ConstraintId::kMaxMemoryPerCpu:
      value = Num(c.max_memory_per_cpu);
      break;
    case ConstraintId::kMinMemoryPerTask:
      value = Num(c.min_memory_per_task);
      break;
    case ConstraintId::kMaxMemoryPerTask:
      value = Num(c.max_memory_per_task);
      break;
    case ConstraintId::kMinLocalSsd:
      value = Num(c.min_local_ssd);
      break;
    case ConstraintId::kMaxLocalSsd:
      value = Num(c.max_local_ssd);
      break;
    case ConstraintId::kMinLocalSsdPerCpu:
      value = Num(c.min_local_ssd_per_cpu);
      break;
    case ConstraintId::kMaxLocalSsdPerCpu:
      value = Num(c.max_local_ssd_per_cpu);
      break;
    case ConstraintId::kMinLocalSsdPerTask:
      value = Num(c.min_local_ssd_per_task);
      break;
    case ConstraintId::kMaxLocalSsdPerTask:
      value = Num(c.max_local_ssd_per_task);
      break;
    case ConstraintId::kUseSpot:
      value = c.use_spot.value_or(false) ? "true" : "false";
      break;
  }
  return std::string(ConstraintName(id)) + " (" + value + ")";
}

}  // namespace cloud_tasks::compute::selection
