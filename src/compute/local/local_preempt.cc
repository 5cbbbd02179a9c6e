// LocalProvider::Preempt: a spot reclaim, for tests and demos.

#include <ctime>

#include "compute/local/local_provider.h"
#include "core/files.h"
#include "core/json.h"

namespace cloud_tasks::compute::local {
namespace {

// AWS's instance-action time format: "2026-11-28T01:00:00Z".
std::string AwsTime(SystemTime t) {
  std::time_t secs =
      std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(t));
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

Status LocalProvider::Preempt(const std::string& id, std::chrono::milliseconds notice) {
  CT_ASSIGN_OR_RETURN(InstanceRecord record, store_.Load(id));
  if (!Alive(record)) return FailedPreconditionError("local instance '" + id + "' is not running");
  SystemTime kill_at = Now() + std::chrono::duration_cast<std::chrono::microseconds>(notice);
  Json action;
  action["action"] = "terminate";
  action["time"] = AwsTime(kill_at);
  CT_RETURN_IF_ERROR(WriteFileAtomic(InstanceDir(id) + "/spot-notice", action.dump() + "\n", 0600));
  {
    std::lock_guard lock(record_mu_);
    CT_ASSIGN_OR_RETURN(record, store_.Load(id));
    record.preempted = true;
    record.preempt_at = kill_at;
    CT_RETURN_IF_ERROR(store_.Save(record));
  }
  // Joined by the destructor, so `this` outlives the thread.
  std::lock_guard lock(preempt_mu_);
  preemptions_.emplace_back([this, id, notice] {
    std::this_thread::sleep_for(notice);
    KillAndRecord(id, std::chrono::milliseconds(0)).IgnoreError();
  });
  return OkStatus();
}

}  // namespace cloud_tasks::compute::local
