// `cloud_tasks monitor_event_queue`: record events into the job database and report (CLI-30).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "core/files.h"

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
