#pragma once
/// The pool of a running job (ORC-20..28, ORC-40..44, ORC-63 with BUG-ORC-01/05/06
/// fixed): each scaling check lists the job's instances, plans with PlanScaling and
/// starts what the plan allows; at the tail of the job a surplus that lasts
/// `instance_termination_delay` is retired; keep-alives are supervised (a silent
/// instance is replaced; when no instance ever sent one within the startup timeout the
/// job is aborted because the startup script is probably broken).

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compute/provider.h"
#include "orchestrator/pool_sizing.h"

namespace cloud_tasks::orchestrator {

struct PoolManagerOptions {
  std::string job_id;
  compute::InstanceType type;
  double price_per_hour = 0;  ///< one instance, total
  std::string zone;
  bool spot = false;
  std::string image;
  int boot_disk_gb = 0;
  std::string boot_disk_type;
  std::string startup_script;  ///< rendered
  int64_t tasks_per_instance = 1;
  double cpus_per_task = 1;
  PoolLimits limits;
  std::chrono::seconds scaling_check_interval{60};
  std::chrono::seconds instance_termination_delay{60};
  std::chrono::seconds keepalive_timeout{300};          ///< 0 disables
  std::chrono::seconds keepalive_startup_timeout{600};  ///< 0 disables
  std::function<std::chrono::steady_clock::time_point()> now = &std::chrono::steady_clock::now;
};

/// What the pool looks like after the last check.
struct PoolStatus {
  int64_t live = 0;
  int64_t vcpus = 0;
  double price_per_hour = 0;
  int64_t started_total = 0;     ///< instances started by this manager
  int64_t terminated_total = 0;  ///< instances this manager terminated
};

class PoolManager {
 public:
  using Clock = std::chrono::steady_clock;
  PoolManager(compute::Provider& provider, PoolManagerOptions options)
      : provider_(provider), options_(std::move(options)) {}

  /// Runs a scaling and keep-alive check when one is due (the first call always runs
  /// one). `remaining` = tasks not yet terminal; `tail` = no task waits in the queue.
  /// A failed listing skips the check (it never means "no instances", BUG-ORC-06).
  Status Tick(int64_t remaining, bool tail);

  /// A keep-alive from `instance_id` arrived now.
  void OnKeepAlive(const std::string& instance_id);

  /// Set when the job must stop: no instance ever sent a keep-alive (ORC-43).
  const std::optional<std::string>& abort_reason() const { return abort_reason_; }

  /// Terminates every live instance of the job (up to all of them; failures are
  /// returned after trying the rest). Instances already terminated are left alone.
  Status TerminateAll();

  const PoolStatus& status() const { return status_; }

 private:
  struct Tracked {
    Clock::time_point first_seen;
    std::optional<Clock::time_point> last_heard;
  };
  Status Check(int64_t remaining, bool tail);
  void Supervise(const std::vector<compute::Instance>& live);
  void StartInstances(int64_t count);
  void Retire(const std::vector<compute::Instance>& live, int64_t surplus, bool tail);
  Status Terminate(const std::string& id, const std::string& why);

  compute::Provider& provider_;
  PoolManagerOptions options_;
  std::optional<Clock::time_point> last_check_;
  std::map<std::string, Tracked> tracked_;
  bool any_heard_ = false;
  std::optional<Clock::time_point> surplus_since_;
  std::optional<std::string> abort_reason_;
  PoolStatus status_;
};

}  // namespace cloud_tasks::orchestrator
