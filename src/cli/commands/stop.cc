// `cloud_tasks stop`: terminate a job's instances, optionally purge its task queue (CLI-32).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "compute/factory/provider_factory.h"
#include "core/files.h"
#include "queue/task_queue.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class StopCommand : public ProviderCommand {
 public:
  StopCommand()
      : ProviderCommand({"stop",
                         "Terminate every instance of a job (optionally purge its task queue)",
                         {Group::kJob, Group::kCredentials},
                         {},
                         true,
                         "instance termination"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    sub.add_flag("--purge-queue", purge_queue_, "Also purge the task queue (not the event queue)");
  }

  int Execute(const config::Settings& settings) override {
    auto provider = compute::OpenProvider(settings);
    if (!provider.ok()) return Fail(provider.status().message());
    const std::string job = settings.job_id.value_or("");
    fmt::print("Stopping job '{}'...this could take a few minutes\n", job);
    compute::ListInstancesOptions only_job;
    only_job.job_id = job;
    auto listed = (*provider)->ListInstances(only_job);
    if (!listed.ok()) return Fail(listed.status().message());
    int failures = 0, done = 0;
    for (const auto& i : *listed) {
      if (!compute::IsLive(i.state)) continue;
      fmt::print("Terminating instance: {}\n", i.id);
      Status st = (*provider)->TerminateInstance(i.id);
      if (!st.ok()) {
        ++failures;
        fmt::print(stderr, "Error: cannot terminate instance '{}': {}\n", i.id, st.message());
        continue;
      }
      ++done;
      fmt::print("Terminated instance: {}\n", i.id);
    }
    fmt::print("Successfully terminated {} instance(s)\n", done);
    if (purge_queue_) {
      auto queues = OpenQueues(settings);
      if (!queues.ok()) return Fail(queues.status().message());
      auto q = (*queues)->Open(QueueName(settings));
      if (!q.ok()) return Fail(q.status().message());
      Status st = (*q)->Purge();
      if (!st.ok()) return Fail(st.message());
      fmt::print("Purged task queue '{}'\n", QueueName(settings));
    }
    if (failures > 0) return 1;
    fmt::print("Job '{}' stopped\n", job);
    return 0;
  }

  bool purge_queue_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeStopCommand() { return std::make_unique<StopCommand>(); }

}  // namespace cloud_tasks::cli
