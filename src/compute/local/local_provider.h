#pragma once
/// LocalProvider: "instances" are process sessions on this machine (`--provider local`).
///
/// Layout under `state_dir`: `instances/<id>/` (0700) holds `startup.sh` (0700, the
/// rendered startup script), `instance.log` (0600, the script's stdout and stderr,
/// appended), `instance.json` (0600, the record, see instance_record.h) and, once
/// preempted, `spot-notice` (0600).
///
/// An instance is `/bin/bash <dir>/startup.sh` started detached (double fork + setsid:
/// it survives the manager being killed and is not the manager's child), with cwd = its
/// directory, stdin /dev/null, and two extra environment variables:
/// RMS_CLOUD_TASKS_LOCAL_INSTANCE_ID and RMS_CLOUD_TASKS_LOCAL_INSTANCE_DIR.
///
/// Liveness: an instance is running while its session has a running process — the
/// script's bash (matched by pid *and* /proc start time, so a reused pid is never taken
/// for it) or anything it started that stayed in the session (background jobs, the
/// worker's task process groups). A script that exits with nothing left behind makes
/// the instance terminated, as does TerminateInstance or Preempt. A listing that finds
/// an instance dead records that in its record.
///
/// Several LocalProvider objects (and processes) may share one state directory; each
/// record write is atomic.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "compute/local/host_info.h"
#include "compute/local/instance_record.h"
#include "compute/provider.h"

namespace cloud_tasks::compute::local {

struct LocalProviderOptions {
  /// Where instance directories live (created 0700 when missing). Required.
  std::string state_dir;
  /// The hourly price quoted for the `local` type (spot and on-demand alike).
  double price_per_hour = 0;
  /// Override the vCPU count / memory of the `local` type (default: this host's).
  std::optional<int> vcpu;
  std::optional<double> mem_gb;
  /// Clock for created/terminated times; default NowUtc.
  std::function<SystemTime()> now;
  /// How long TerminateInstance waits after SIGTERM before SIGKILL.
  std::chrono::milliseconds terminate_grace{3000};
  /// The shell that runs startup.sh.
  std::string shell = "/bin/bash";
};

class LocalProvider : public Provider {
 public:
  /// The one instance type, region, zone and image.
  static constexpr const char* kTypeName = "local";
  static constexpr const char* kRegion = "local";
  static constexpr const char* kZone = "local";
  static constexpr const char* kImage = "host";

  static Result<std::unique_ptr<LocalProvider>> Create(LocalProviderOptions options);

  /// Waits for pending preemptions (each at most its notice period) to finish.
  ~LocalProvider() override;

  LocalProvider(const LocalProvider&) = delete;
  LocalProvider& operator=(const LocalProvider&) = delete;

  std::string_view name() const override { return "local"; }
  Result<std::vector<std::string>> ListRegions() override;
  /// {"local"} for "" or "local"; NotFound for any other region.
  Result<std::vector<std::string>> ListZones(const std::string& region) override;
  Result<std::vector<Image>> ListImages() override;
  Result<std::vector<InstanceType>> ListInstanceTypes() override;
  /// The one type in zone "local", on-demand and spot both at the configured price
  /// (local.price_per_hour), no boot disk rates (the disk costs nothing).
  Result<Catalog> GetCatalog() override;

  /// Type must be "local" and zone "" or "local" (InvalidArgument otherwise). The id is
  /// `local-<job_id or "x">-<8 hex digits>`. The record is on disk before the script runs.
  Result<Instance> CreateInstance(const InstanceSpec& spec) override;
  /// `include_untagged` changes nothing: every local instance belongs to a job.
  Result<std::vector<Instance>> ListInstances(const ListInstancesOptions& options) override;
  /// SIGTERM to every process of the instance's session, SIGKILL after
  /// `terminate_grace` (returns as soon as they are gone). NotFound for an unknown id;
  /// OK when already terminated.
  Status TerminateInstance(const std::string& id) override;

  /// Simulates a spot reclaim: writes `<dir>/spot-notice`
  /// (`{"action": "terminate", "time": "<now + notice, ISO-8601 Z>"}`), marks the record
  /// preempted, and SIGKILLs the instance's session `notice` later from a background
  /// thread (this call does not block). NotFound for an unknown id, FailedPrecondition
  /// when the instance is not running.
  Status Preempt(const std::string& id, std::chrono::milliseconds notice);

  /// `<state_dir>/instances/<id>`.
  std::string InstanceDir(const std::string& id) const { return store_.InstanceDir(id); }

  /// The record as stored (for tests and `status`-like commands).
  Result<InstanceRecord> LoadRecord(const std::string& id) const { return store_.Load(id); }

 private:
  LocalProvider(LocalProviderOptions options, HostInfo host);

  SystemTime Now() const;
  bool Alive(const InstanceRecord& record) const;
  Instance ToInstance(const InstanceRecord& record, bool alive) const;
  Result<std::string> NewInstanceDir(const std::string& job_id);
  std::vector<std::string> InstanceEnvironment(const std::string& id) const;
  /// Signals the session (SIGTERM first when `grace` > 0, then SIGKILL) until it is
  /// empty, then records the instance terminated.
  Status KillAndRecord(const std::string& id, std::chrono::milliseconds grace);
  /// Sets `terminated` in the record (keeping whatever else another writer set).
  Status MarkTerminated(const std::string& id);

  LocalProviderOptions options_;
  HostInfo host_;
  InstanceStore store_;
  std::mutex create_mu_;  // one launch at a time; guards rng_
  std::mt19937_64 rng_;
  mutable std::mutex record_mu_;  // read-modify-write of records
  std::mutex preempt_mu_;
  std::vector<std::thread> preemptions_;
};

}  // namespace cloud_tasks::compute::local
