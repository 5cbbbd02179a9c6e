#pragma once
/// Turn a C++ program into a cloud_tasks worker:
///
///   #include <cloud_tasks/worker.h>
///
///   cloud_tasks::TaskResult Process(const cloud_tasks::Task& task, cloud_tasks::WorkerContext& ctx) {
///     int sum = task.data["num1"].get<int>() + task.data["num2"].get<int>();
///     return cloud_tasks::TaskResult::Done({{"sum", sum}});
///   }
///   int main(int argc, char** argv) { return cloud_tasks::RunWorker(Process, argc, argv); }
///
/// Every task runs in its own forked process (a crash, a leak or a time-out affects only
/// that task). The worker takes the same options and RMS_CLOUD_TASKS_* variables as
/// `cloud_tasks worker` (run the program with --help); options it does not know are
/// left for the program in WorkerContext::extra_args().

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace cloud_tasks {

namespace worker {
struct WorkerSettings;
}

using JsonValue = nlohmann::ordered_json;

struct Task {
  std::string task_id;
  JsonValue data;  ///< the task's "data" object
};

/// What the handler returns: done (the task is finished, successfully or not) or retry
/// (put it back for another try), with a JSON result for the `task_completed` event.
struct TaskResult {
  bool retry = false;
  JsonValue result;
  static TaskResult Done(JsonValue result = nullptr) { return {false, std::move(result)}; }
  static TaskResult Retry(JsonValue result = nullptr) { return {true, std::move(result)}; }
};

/// What a task can know about its worker. Valid in the task's process.
class WorkerContext {
 public:
  virtual ~WorkerContext() = default;
  /// Every resolved worker setting (job id, instance type, limits, ...).
  virtual const worker::WorkerSettings& settings() const = 0;
  /// Command-line arguments the worker did not recognise: the program's own options.
  virtual const std::vector<std::string>& extra_args() const = 0;
  /// True once a spot preemption (or simulated) notice has been received.
  virtual bool termination_notice_received() const = 0;
  /// True once the worker was asked to stop (SIGINT/SIGTERM).
  virtual bool shutdown_requested() const = 0;
};

/// The task handler. A thrown exception becomes a `task_exception` event with its
/// message; std::bad_alloc under --max-memory-allowed-per-task says the limit was hit.
using TaskFunction = std::function<TaskResult(const Task&, WorkerContext&)>;

/// Overrides the task source in code (instead of --task-file or a queue).
struct TaskSourceOverride {
  std::string task_file;                           ///< a task file, or
  std::function<std::optional<Task>()> generator;  ///< called until it returns nullopt
};

/// Parses the worker options from argv, runs every task, returns the exit status
/// (0 done, 1 start-up error, 130 interrupted).
int RunWorker(TaskFunction handler, int argc, char** argv, TaskSourceOverride source = {});

}  // namespace cloud_tasks
