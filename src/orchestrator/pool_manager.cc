#include "orchestrator/pool_manager.h"

#include <fmt/format.h>

#include <algorithm>
#include <future>

#include "core/logging.h"

namespace cloud_tasks::orchestrator {
namespace {

int64_t Secs(std::chrono::steady_clock::duration d) {
  return std::chrono::duration_cast<std::chrono::seconds>(d).count();
}

}  // namespace

Status PoolManager::Tick(int64_t remaining, bool tail) {
  Clock::time_point now = options_.now();
  if (last_check_ && now - *last_check_ < options_.scaling_check_interval) return OkStatus();
  last_check_ = now;
  return Check(remaining, tail);
}

void PoolManager::OnKeepAlive(const std::string& instance_id) {
  Clock::time_point now = options_.now();
  auto [it, inserted] = tracked_.try_emplace(instance_id, Tracked{now, std::nullopt});
  if (!it->second.last_heard) LogInfo("First keep-alive from instance '{}'", instance_id);
  it->second.last_heard = now;
  any_heard_ = true;
}

Status PoolManager::Check(int64_t remaining, bool tail) {
  auto listed = provider_.ListInstances({.job_id = options_.job_id});
  if (!listed.ok()) {  // BUG-ORC-06: never read as "no instances"
    LogWarning("Cannot list the job's instances ({}); scaling check skipped", listed.status().message());
    return OkStatus();
  }
  std::vector<compute::Instance> live;
  for (auto& i : *listed)
    if (compute::IsLive(i.state)) live.push_back(std::move(i));
  Supervise(live);
  if (abort_reason_) return OkStatus();
  std::erase_if(live,
                [&](const compute::Instance& i) { return !tracked_.contains(i.id); });  // just terminated
  status_.live = static_cast<int64_t>(live.size());
  status_.vcpus = status_.live * options_.type.vcpu;
  status_.price_per_hour = static_cast<double>(status_.live) * options_.price_per_hour;

  PoolInputs in;
  in.remaining_tasks = remaining;
  in.cpus_per_task = options_.cpus_per_task;
  in.tasks_per_instance = options_.tasks_per_instance;
  in.type_vcpus = options_.type.vcpu;
  in.type_price_per_hour = options_.price_per_hour;
  in.live = {.instances = status_.live,
             .vcpus = status_.vcpus,
             .price_per_hour = status_.price_per_hour,
             .task_slots = status_.live * options_.tasks_per_instance};
  in.limits = options_.limits;
  in.tail = tail;
  PoolPlan plan = PlanScaling(in);
  LogDebug("Scaling check: {} task(s) remaining, {} live instance(s), {} needed", remaining, status_.live,
           plan.needed_instances);
  for (const auto& r : plan.reasons) LogDebug("  {}", r);
  for (const auto& w : plan.warnings) LogWarning("{}", w);
  StartInstances(plan.to_start);
  Retire(live, plan.surplus, tail);
  return OkStatus();
}

void PoolManager::Supervise(const std::vector<compute::Instance>& live) {
  Clock::time_point now = options_.now();
  std::erase_if(tracked_, [&](const auto& kv) {
    return std::none_of(live.begin(), live.end(),
                        [&](const compute::Instance& i) { return i.id == kv.first; });
  });
  for (const auto& i : live) tracked_.try_emplace(i.id, Tracked{now, std::nullopt});
  std::vector<std::string> silent, overdue;
  for (const auto& [id, t] : tracked_) {
    if (t.last_heard) {
      if (options_.keepalive_timeout.count() > 0 && now - *t.last_heard > options_.keepalive_timeout)
        silent.push_back(id);
    } else if (options_.keepalive_startup_timeout.count() > 0 &&
               now - t.first_seen > options_.keepalive_startup_timeout) {
      overdue.push_back(id);
    }
  }
  for (const auto& id : silent)
    (void)Terminate(id,
                    fmt::format("no keep-alive for {} s (keepalive_timeout {} s); it will be replaced",
                                Secs(now - *tracked_[id].last_heard), options_.keepalive_timeout.count()));
  if (overdue.empty()) return;
  if (any_heard_) {
    for (const auto& id : overdue)
      (void)Terminate(id, fmt::format("no first keep-alive within keepalive_startup_timeout {} s; it will be "
                                      "replaced",
                                      options_.keepalive_startup_timeout.count()));
  } else if (overdue.size() == tracked_.size()) {
    abort_reason_ = fmt::format(
        "No keep-alive event was received from any of the {} instance(s) within {} seconds of startup; the "
        "startup script is probably broken",
        overdue.size(), options_.keepalive_startup_timeout.count());
    LogError("{}", *abort_reason_);
    (void)TerminateAll();
  } else {
    LogWarning("{} instance(s) have not sent a first keep-alive within {} s; waiting for the others",
               overdue.size(), options_.keepalive_startup_timeout.count());
  }
}

void PoolManager::StartInstances(int64_t count) {
  if (count <= 0) return;
  LogInfo("Starting {} new instance(s) for an incremental price of ${:.4f}/hour", count,
          static_cast<double>(count) * options_.price_per_hour);
  compute::InstanceSpec spec{.job_id = options_.job_id,
                             .instance_type = options_.type.name,
                             .zone = options_.zone,
                             .spot = options_.spot,
                             .image = options_.image,
                             .boot_disk_gb = options_.boot_disk_gb,
                             .boot_disk_type = options_.boot_disk_type,
                             .startup_script = options_.startup_script};
  int64_t started = 0;
  for (int64_t i = 0; i < count; ++i) {
    auto inst = provider_.CreateInstance(spec);
    if (!inst.ok()) {  // retried by later checks (ORC-27)
      LogError("Cannot start an instance: {}", inst.status().message());
      continue;
    }
    ++started;
    tracked_.try_emplace(inst->id, Tracked{options_.now(), std::nullopt});
    LogInfo("Started {} instance '{}' in zone '{}'", options_.spot ? "spot" : "on-demand", inst->id,
            inst->zone);
  }
  status_.started_total += started;
  status_.live += started;
  status_.vcpus = status_.live * options_.type.vcpu;
  status_.price_per_hour = static_cast<double>(status_.live) * options_.price_per_hour;
  LogInfo("Successfully provisioned {} of {} requested instance(s)", started, count);
}

// BUG-ORC-01 fixed: at the tail, a surplus lasting instance_termination_delay is
// retired, newest instances first.
void PoolManager::Retire(const std::vector<compute::Instance>& live, int64_t surplus, bool tail) {
  if (!tail || surplus <= 0) {
    surplus_since_.reset();
    return;
  }
  Clock::time_point now = options_.now();
  if (!surplus_since_) surplus_since_ = now;
  if (now - *surplus_since_ < options_.instance_termination_delay) return;
  std::vector<compute::Instance> by_age = live;
  std::sort(by_age.begin(), by_age.end(), [](const auto& a, const auto& b) { return a.created > b.created; });
  for (int64_t i = 0; i < surplus && i < static_cast<int64_t>(by_age.size()); ++i)
    (void)Terminate(by_age[i].id, fmt::format("not needed for the last tasks of the job (idle for {} s)",
                                              Secs(now - *surplus_since_)));
  surplus_since_.reset();
}

Status PoolManager::Terminate(const std::string& id, const std::string& why) {
  LogWarning("Terminating instance '{}': {}", id, why);
  Status st = provider_.TerminateInstance(id);
  if (!st.ok()) {  // tracking kept: the next check tries again (ORC-44)
    LogError("Cannot terminate instance '{}': {}", id, st.message());
    return st;
  }
  tracked_.erase(id);
  ++status_.terminated_total;
  return OkStatus();
}

Status PoolManager::TerminateAll() {
  auto listed = provider_.ListInstances({.job_id = options_.job_id});
  if (!listed.ok()) return listed.status().WithContext("listing the job's instances to terminate them");
  std::vector<std::string> ids;
  for (const auto& i : *listed)
    if (compute::IsLive(i.state)) ids.push_back(i.id);  // BUG-ORC-05: terminated ones are left alone
  // Up to 10 at a time (ORC-63): each termination waits for its instance to go away.
  Status first;
  int64_t done = 0;
  constexpr size_t kConcurrent = 10;
  for (size_t start = 0; start < ids.size(); start += kConcurrent) {
    std::vector<std::future<Status>> wave;
    for (size_t k = start; k < std::min(ids.size(), start + kConcurrent); ++k) {
      LogInfo("Terminating instance: {}", ids[k]);
      wave.push_back(
          std::async(std::launch::async, [this, id = ids[k]] { return provider_.TerminateInstance(id); }));
    }
    for (size_t k = 0; k < wave.size(); ++k) {
      Status st = wave[k].get();
      if (st.ok()) {
        ++done;
        ++status_.terminated_total;
        tracked_.erase(ids[start + k]);
      } else if (first.ok()) {
        first = st;
      }
    }
  }
  LogInfo("Successfully terminated {} instance(s)", done);
  status_.live = 0;
  status_.vcpus = 0;
  status_.price_per_hour = 0;
  return first;
}

}  // namespace cloud_tasks::orchestrator
