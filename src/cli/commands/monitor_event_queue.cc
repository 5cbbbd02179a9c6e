// `cloud_tasks monitor_event_queue`: record events into the job database and report (CLI-30).

#include <fmt/format.h>

#include <chrono>

#include "cli/interaction.h"
#include "cli/provider_command.h"
#include "core/files.h"
#include "core/logging.h"
#include "jobdb/job_store.h"
#include "jobdb/report.h"
#include "jobdb/statistics.h"
#include "orchestrator/event_monitor.h"
#include "queue/factory/queue_factory.h"

namespace cloud_tasks::cli {
namespace {

class MonitorEventQueueCommand : public ProviderCommand {
 public:
  MonitorEventQueueCommand()
      : ProviderCommand({"monitor_event_queue",
                         "Read the event queue into the job database and report progress",
                         {config::Group::kJob, config::Group::kCredentials},
                         {},
                         true,
                         "the event queue"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    options_.AddKey(sub, "db_file");
    sub.add_option("--output-file", output_file_, "Append every event as a JSON line to FILE (default: none)")
        ->type_name("FILE");
    sub.add_flag("--print-events", print_events_, "Print each event as one JSON line on stdout");
    sub.add_flag("--no-auto-complete", no_auto_complete_, "Keep monitoring after every task is done");
  }

  int Check(const config::Settings& settings) override {
    std::string db = DbPath(settings);
    if (!FileExists(db))
      return Fail(
          fmt::format("Database file '{}' does not exist.\nCreate it with 'cloud_tasks load_queue' or "
                      "'cloud_tasks run' first.",
                      db));
    return -1;
  }

  int Execute(const config::Settings& settings) override {
    std::string db = DbPath(settings);
    auto store = jobdb::JobStore::Open({.path = db, .mode = jobdb::OpenMode::kOpenExisting});
    if (!store.ok()) return Fail(store.status().message());
    auto total = (*store)->TotalTasks();
    if (!total.ok()) return Fail(total.status().message());
    if (*total == 0) LogWarning("Database '{}' holds no tasks", db);
    auto queues = OpenQueues(settings);
    if (!queues.ok()) return Fail(queues.status().message());
    std::string name = queue::EventQueueName(QueueName(settings));
    auto events = (*queues)->Open(name);
    if (!events.ok()) return Fail(events.status().message());
    orchestrator::EventMonitorOptions mo;
    mo.output_file = output_file_;
    mo.seed_output_file = true;  // CLI-27: always for monitor_event_queue
    if (print_events_) mo.on_event = [](const std::string& raw) { fmt::print("{}\n", raw); };
    auto monitor = orchestrator::EventMonitor::Create(events->get(), store->get(), mo);
    if (!monitor.ok()) return Fail(monitor.status().message());
    fmt::print(
        "Monitoring event queue '{}'...\nDatabase: {} ({} tasks)\nStarting event monitoring (Ctrl+C to "
        "stop)...\n",
        name, db, *total);
    std::fflush(stdout);
    InterruptCounter interrupts;
    auto last_summary = std::chrono::steady_clock::now();
    bool interrupted = false;
    for (;;) {
      if (interrupts.count() > 0) {
        interrupted = true;
        break;
      }
      auto cycle = (*monitor)->Poll(std::chrono::milliseconds(1000));
      if (!cycle.ok()) LogError("Reading events failed: {}", cycle.status().message());
      auto complete = (*store)->IsComplete();
      bool done = complete.ok() && *complete && *total > 0;
      auto now = std::chrono::steady_clock::now();
      if ((cycle.ok() && cycle->stored > 0) || now - last_summary > std::chrono::seconds(30) || done) {
        last_summary = now;
        auto stats = jobdb::CollectStatistics(**store);
        if (stats.ok())
          for (const auto& line : jobdb::StatisticsBlockLines(*stats, "Summary:")) LogInfo("{}", line);
      }
      if (done && !no_auto_complete_) break;
    }
    fmt::print("{}\n", interrupted ? "Monitoring interrupted by user." : "=== Monitoring stopped ===");
    auto stats = jobdb::CollectStatistics(**store);
    if (!stats.ok()) return Fail(stats.status().message());
    for (const auto& line : jobdb::FinalReportLines(*stats)) fmt::print("{}\n", line);
    return 0;
  }

 private:
  std::string output_file_;
  bool print_events_ = false;
  bool no_auto_complete_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeMonitorEventQueueCommand() {
  return std::make_unique<MonitorEventQueueCommand>();
}

}  // namespace cloud_tasks::cli
