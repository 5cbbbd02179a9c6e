// `cloud_tasks list_running_instances`: instances of a job or of all jobs (CLI-33).

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cli/provider_command.h"
#include "cli/sort_keys.h"
#include "compute/factory/provider_factory.h"
#include "core/files.h"
#include "core/time_util.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class ListRunningInstancesCommand : public ProviderCommand {
 public:
  ListRunningInstancesCommand()
      : ProviderCommand({"list_running_instances",
                         "List the instances of a job (or of every job)",
                         {Group::kJob, Group::kCredentials},
                         {"queue_name", "exactly_once_queue"},
                         false,
                         "instance listing"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    sub.add_flag("--all-instances", all_instances_, "Include instances not created by cloud_tasks");
    sub.add_flag("--include-terminated", include_terminated_, "Include terminated instances");
    sub.add_option("--sort-by", sort_by_,
                   "id, type, state, zone or created; - prefix for descending (default: id)")
        ->type_name("FIELDS");
    sub.add_flag("--detail", detail_, "One block per instance with every detail");
  }
  int Execute(const config::Settings& settings) override {
    auto keys = ParseSortKeys(sort_by_.empty() ? "id" : sort_by_,
                              {{"id", {"i"}},
                               {"type", {"t"}},
                               {"state", {"s"}},
                               {"zone", {"z"}},
                               {"created", {"c", "creation", "time", "creation_time"}}});
    if (!keys.ok()) return Fail(keys.status().message());
    auto provider = compute::OpenProvider(settings);
    if (!provider.ok()) return Fail(provider.status().message());
    compute::ListInstancesOptions o;
    o.job_id = settings.job_id;
    o.include_untagged = all_instances_;
    o.include_terminated = include_terminated_;
    if (settings.job_id) {
      fmt::print("Listing instances with job ID: {}\n", *settings.job_id);
    } else {
      fmt::print("{}\n", all_instances_ ? "Listing all instances including ones not created by cloud tasks"
                                        : "Listing all instances created by cloud tasks");
    }
    auto listed = (*provider)->ListInstances(o);
    if (!listed.ok()) return Fail(listed.status().message());
    std::vector<compute::Instance> rows = std::move(*listed);
    if (rows.empty()) {
      if (settings.job_id) {
        fmt::print("No instances found for job ID: {}\n", *settings.job_id);
      } else {
        fmt::print("No instances found\n");
      }
      return 0;
    }
    auto field = [](const compute::Instance& i, const std::string& f) -> std::string {
      if (f == "type") return i.instance_type;
      if (f == "state") return std::string(compute::InstanceStateName(i.state));
      if (f == "zone") return i.zone;
      if (f == "created") return i.created ? FormatIsoUtc(*i.created) : "";
      return i.id;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
      for (const auto& [f, desc] : *keys) {
        std::string x = field(a, f), y = field(b, f);
        if (x != y) return desc ? x > y : x < y;
      }
      return false;
    });
    std::map<std::string, int> by_state;
    if (!detail_) {
      fmt::print("{:<25} {:<64} {:<15} {:<11} {:<15} {:<30}\n", "Job ID", "ID", "Type", "State", "Zone",
                 "Created");
      fmt::print("{}\n", std::string(165, '-'));
    }
    for (const auto& i : rows) {
      ++by_state[field(i, "state")];
      if (detail_) {
        fmt::print(
            "Instance ID: {}\nType: {}\nState: {}\nZone: {}\nJob ID: {}\nCreated: {}\nPrivate IP: {}\n"
            "Public IP: {}\n\n",
            i.id, i.instance_type, field(i, "state"), i.zone, i.job_id, field(i, "created"),
            i.private_ip.empty() ? "N/A" : i.private_ip, i.public_ip.empty() ? "N/A" : i.public_ip);
      } else {
        fmt::print("{:<25} {:<64} {:<15} {:<11} {:<15} {:<30}\n", i.job_id, i.id, i.instance_type,
                   field(i, "state"), i.zone, field(i, "created"));
      }
    }
    fmt::print("\nSummary: {} total instances\n", rows.size());
    for (const auto& [state, n] : by_state) fmt::print("  {} {}\n", n, state);
    return 0;
  }

  bool all_instances_ = false;
  bool include_terminated_ = false;
  std::string sort_by_;
  bool detail_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeListRunningInstancesCommand() {
  return std::make_unique<ListRunningInstancesCommand>();
}

}  // namespace cloud_tasks::cli
