#pragma once
/// FakeProvider: an in-memory Provider for tests of the orchestrator and the CLI.
/// Instances are records only (nothing runs); test hooks make an instance die or make
/// the next call fail. Passes tests/conformance/compute like every backend. Thread-safe.

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "compute/provider.h"

namespace cloud_tasks::compute {

/// One offered type with its hourly prices (compute part, USD).
struct FakeOffer {
  InstanceType type;
  double on_demand_price = 0;
  double spot_price = 0;  ///< used when type.supports_spot
};

struct FakeProviderOptions {
  std::string name = "fake";
  std::vector<std::string> regions = {"fake-region-1"};
  /// Zones of regions.front(); every offer is quoted in each zone.
  std::vector<std::string> zones = {"fake-region-1a", "fake-region-1b"};
  std::vector<Image> images = {{.id = "fake-image",
                                .name = "Fake image",
                                .description = "",
                                .architecture = "X86_64",
                                .source = "fake"}};
  /// Empty: DefaultFakeOffers().
  std::vector<FakeOffer> offers;
  /// Boot disk types quoted for every offer whose type lists none ({""}: no choice).
  std::vector<std::string> boot_disk_types = {""};
  /// USD per GB-hour of boot disk.
  double boot_disk_price_per_gb_hour = 0.0001;
  /// State of a freshly created instance (kStarting or kRunning).
  InstanceState initial_state = InstanceState::kRunning;
  std::function<SystemTime()> now;  ///< default NowUtc
};

/// Three x86 types (2, 4 and 8 vCPUs; the 8-vCPU one without spot) and one ARM type.
std::vector<FakeOffer> DefaultFakeOffers();

class FakeProvider : public Provider {
 public:
  explicit FakeProvider(FakeProviderOptions options = {});

  std::string_view name() const override { return name_; }
  Result<std::vector<std::string>> ListRegions() override;
  Result<std::vector<std::string>> ListZones(const std::string& region) override;
  Result<std::vector<Image>> ListImages() override;
  Result<std::vector<InstanceType>> ListInstanceTypes() override;
  /// Every offer in every zone; spot prices only for types with spot; one boot disk rate
  /// (boot_disk_price_per_gb_hour) per disk type named anywhere.
  Result<Catalog> GetCatalog() override;
  /// InvalidArgument for an unknown type or zone, or spot on a type without spot.
  Result<Instance> CreateInstance(const InstanceSpec& spec) override;
  Result<std::vector<Instance>> ListInstances(const ListInstancesOptions& options) override;
  Status TerminateInstance(const std::string& id) override;

  // Test hooks.
  /// The instance stops existing as if the machine died or was preempted (state
  /// terminated). NotFound for an unknown id.
  Status KillInstance(const std::string& id);
  /// Sets an instance's state directly (e.g. kStarting -> kRunning).
  Status SetInstanceState(const std::string& id, InstanceState state);
  /// Adds an instance not created by cloud_tasks (job_id ""), listed only with
  /// include_untagged.
  Instance AddUntaggedInstance(const std::string& instance_type);
  /// The next call of that kind returns `status` instead of doing anything.
  void FailNextCreate(Status status);
  void FailNextList(Status status);
  void FailNextTerminate(Status status);

  /// Everything created so far, in creation order, with the spec used.
  std::vector<InstanceSpec> created_specs() const;
  int create_calls() const;
  int terminate_calls() const;

 private:
  SystemTime Now() const { return options_.now ? options_.now() : NowUtc(); }
  const FakeOffer* FindOffer(const std::string& type_name) const;

  FakeProviderOptions options_;
  std::string name_;
  mutable std::mutex mu_;
  std::map<std::string, Instance> instances_;  // by id
  std::vector<std::string> order_;             // ids in creation order
  std::vector<InstanceSpec> specs_;
  int next_id_ = 1;
  int create_calls_ = 0;
  int terminate_calls_ = 0;
  std::optional<Status> fail_create_, fail_list_, fail_terminate_;
};

}  // namespace cloud_tasks::compute
