#pragma once
/// The compute abstraction: what a cloud (or this machine) offers and the instances of
/// a job. Backends: LocalProvider (processes on this host), FakeProvider (tests), later
/// EC2 and Compute Engine. Every backend passes tests/conformance/compute/.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time_util.h"

namespace cloud_tasks::compute {

/// Standard instance states (INS-06). Only kStarting and kRunning are live.
enum class InstanceState { kStarting, kRunning, kStopping, kStopped, kTerminated, kUnknown };

/// "starting", "running", "stopping", "stopped", "terminated", "unknown".
std::string_view InstanceStateName(InstanceState state);

/// True for kStarting and kRunning.
bool IsLive(InstanceState state);

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

/// The hourly price of one instance type in one zone with one boot disk type (INS-02,
/// the parts the selection needs). USD per hour.
struct PriceQuote {
  std::string instance_type;
  std::string zone;            ///< may end in "*" for "any zone of the region"
  std::string boot_disk_type;  ///< "" when the provider has no such choice
  bool spot = false;
  double compute_price = 0;    ///< vCPUs + memory + local SSD
  double boot_disk_price = 0;  ///< for the boot disk size given to GetPrices
  double total_price = 0;      ///< compute_price + boot_disk_price
};

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
  /// Prices of `types` (spot or on-demand) with a boot disk of `boot_disk_gb`, one quote
  /// per (type, zone, boot disk type) the provider offers.
  virtual Result<std::vector<PriceQuote>> GetPrices(const std::vector<InstanceType>& types, bool spot,
                                                    int boot_disk_gb) = 0;

  /// Starts one instance; returns it as listed right after creation.
  virtual Result<Instance> CreateInstance(const InstanceSpec& spec) = 0;
  /// A listing failure is an error, never an empty list (BUG-ORC-06).
  virtual Result<std::vector<Instance>> ListInstances(const ListInstancesOptions& options) = 0;
  /// Terminates an instance; OK when it is already gone or terminated. May be called
  /// from several threads at once for different instances.
  virtual Status TerminateInstance(const std::string& id) = 0;
};

}  // namespace cloud_tasks::compute
