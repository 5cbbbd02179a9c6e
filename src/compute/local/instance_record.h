#pragma once
/// The on-disk record of one local instance: `<state_dir>/instances/<id>/instance.json`,
/// written atomically with mode 0600 in a 0700 directory.

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time_util.h"

namespace cloud_tasks::compute::local {

struct InstanceRecord {
  std::string id;
  std::string job_id;
  std::string instance_type;
  std::string zone;
  bool spot = false;
  SystemTime created{};
  pid_t pid = 0;            ///< session leader (bash running startup.sh); 0 before launch
  uint64_t start_time = 0;  ///< /proc/<pid>/stat field 22, guards against pid reuse
  bool terminated = false;  ///< set by TerminateInstance, Preempt, or a listing that saw it dead
  std::optional<SystemTime> terminated_at;
  bool preempted = false;                ///< Preempt was called (notice posted, kill scheduled)
  std::optional<SystemTime> preempt_at;  ///< when the preemption kill is due
};

/// The records under one state directory.
class InstanceStore {
 public:
  /// `state_dir` holds `instances/`; it is created (0700) by EnsureLayout.
  explicit InstanceStore(std::string state_dir);

  /// Creates `<state_dir>` and `<state_dir>/instances` (0700) when missing.
  Status EnsureLayout() const;

  /// `<state_dir>/instances/<id>`.
  std::string InstanceDir(const std::string& id) const;

  /// Creates the instance directory (0700); AlreadyExists when the id is taken.
  Status CreateInstanceDir(const std::string& id) const;

  Status Save(const InstanceRecord& record) const;

  /// NotFound when there is no such instance.
  Result<InstanceRecord> Load(const std::string& id) const;

  /// Every record, sorted by id. Directories without a readable record (an instance
  /// being created, a half-removed one) are skipped.
  Result<std::vector<InstanceRecord>> LoadAll() const;

 private:
  std::string state_dir_;
};

}  // namespace cloud_tasks::compute::local
