// `cloud_tasks status`: job status: running instances and queue depth (CLI-31).

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "cli/provider_command.h"
#include "compute/factory/provider_factory.h"
#include "core/files.h"
#include "queue/task_queue.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class StatusCommand : public ProviderCommand {
 public:
  StatusCommand()
      : ProviderCommand({"status",
                         "Show the running instances of a job and its task queue depth",
                         {Group::kJob, Group::kCredentials},
                         {},
                         true,
                         "instance listing and queue depth"}) {}

 protected:
  int Execute(const config::Settings& settings) override {
    const std::string job = settings.job_id.value_or("");
    fmt::print("Checking job status for job '{}'\n", job);
    auto provider = compute::OpenProvider(settings);
    if (!provider.ok()) return Fail(provider.status().message());
    compute::ListInstancesOptions only_job;
    only_job.job_id = job;
    auto listed = (*provider)->ListInstances(only_job);
    if (!listed.ok()) return Fail("Error getting running instances: " + listed.status().message());
    // (type, state, zone) → count, live ones only.
    std::map<std::tuple<std::string, std::string, std::string>, int> groups;
    int live = 0;
    for (const auto& i : *listed) {
      if (!compute::IsLive(i.state)) continue;
      ++live;
      ++groups[{i.instance_type, std::string(compute::InstanceStateName(i.state)), i.zone}];
    }
    if (live == 0) {
      fmt::print("No running instances found\n");
    } else {
      fmt::print("Running instance summary:\n  {:<10} {:<16} {:<16} {:>5}\n", "State", "Instance Type",
                 "Zone", "Count");
      for (const auto& [key, n] : groups)
        fmt::print("  {:<10} {:<16} {:<16} {:>5}\n", std::get<1>(key), std::get<0>(key), std::get<2>(key), n);
      fmt::print("Total running/starting: {}\n", live);
    }
    auto queues = OpenQueues(settings);
    auto q = queues.ok() ? (*queues)->Open(QueueName(settings))
                         : Result<std::unique_ptr<queue::TaskQueue>>(queues.status());
    auto depth = q.ok() ? (*q)->Depth() : Result<queue::QueueDepth>(q.status());
    if (depth.ok()) {
      fmt::print("Current queue depth: {}\n", depth->visible + depth->in_flight);
    } else {
      fmt::print("Task queue not initialized or failed to get queue depth.\n");
    }
    return 0;
  }
};

}  // namespace

std::unique_ptr<Command> MakeStatusCommand() { return std::make_unique<StatusCommand>(); }

}  // namespace cloud_tasks::cli
