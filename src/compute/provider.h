#pragma once
/// The compute abstraction: what a cloud (or this machine) offers and the instances of
/// a job. Backends: LocalProvider (processes on this host), FakeProvider (tests), later
/// EC2 and Compute Engine. Every backend passes tests/conformance/compute/.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compute/catalog.h"
#include "core/status.h"
#include "core/time_util.h"

namespace cloud_tasks::compute {

/// Standard instance states (INS-06). Only kStarting and kRunning are live.
enum class InstanceState { kStarting, kRunning, kStopping, kStopped, kTerminated, kUnknown };

/// "starting", "running", "stopping", "stopped", "terminated", "unknown".
std::string_view InstanceStateName(InstanceState state);

/// True for kStarting and kRunning.
bool IsLive(InstanceState state);

/// A boot image.
struct Image {
  std::string id;  ///< what `image:` accepts (AMI id, image URI, family)
  std::string name;
  std::string description;
  std::string architecture;
  std::string source;  ///< project / owner
};

/// What to start.
struct InstanceSpec {
  std::string job_id;
  std::string instance_type;
  std::string zone;
  bool spot = false;
  std::string image;
  int boot_disk_gb = 0;
  std::string boot_disk_type;
  /// The rendered startup script (bash), run once at boot.
  std::string startup_script;
};

/// One instance as listed.
struct Instance {
  std::string id;
  std::string job_id;  ///< "" when not created by cloud_tasks
  std::string instance_type;
  InstanceState state = InstanceState::kUnknown;
  std::string zone;
  std::optional<SystemTime> created;
  bool spot = false;
  std::string private_ip;
  std::string public_ip;
};

struct ListInstancesOptions {
  std::optional<std::string> job_id;  ///< only this job's instances
  bool include_untagged = false;      ///< also instances not created by cloud_tasks
  bool include_terminated = false;
};

class Provider {
 public:
  virtual ~Provider() = default;

  /// "local", "aws" or "gcp".
  virtual std::string_view name() const = 0;

  virtual Result<std::vector<std::string>> ListRegions() = 0;
  /// Zones of `region` ("" = the configured region).
  virtual Result<std::vector<std::string>> ListZones(const std::string& region) = 0;
  virtual Result<std::vector<Image>> ListImages() = 0;
  virtual Result<std::vector<InstanceType>> ListInstanceTypes() = 0;
  /// Every instance type of the configured region with its on-demand and spot prices per
  /// zone and the boot disk rates (what the selection chooses from). May be slow on a
  /// cloud; callers go through the price cache (selection/price_cache.h).
  virtual Result<Catalog> GetCatalog() = 0;

  /// Starts one instance; returns it as listed right after creation.
  virtual Result<Instance> CreateInstance(const InstanceSpec& spec) = 0;
  /// A listing failure is an error, never an empty list (BUG-ORC-06).
  virtual Result<std::vector<Instance>> ListInstances(const ListInstancesOptions& options) = 0;
  /// Terminates an instance; OK when it is already gone or terminated. May be called
  /// from several threads at once for different instances.
  virtual Status TerminateInstance(const std::string& id) = 0;
};

}  // namespace cloud_tasks::compute
