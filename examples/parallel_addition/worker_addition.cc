// The parallel-addition example as a C++ library worker:
//   worker_addition --task-file addition_tasks.json [--output-dir DIR] [worker options]
// Each task adds data.num1 and data.num2 and writes the sum to DIR/<task_id>.txt.
// Optional failure injection through the environment, as in the Python command worker:
// ADDITION_TASK_DELAY, ADDITION_EXCEPTION_PROBABILITY, ADDITION_TIMEOUT_PROBABILITY,
// ADDITION_EXIT_PROBABILITY, ADDITION_RETRY_PROBABILITY.

#include <cloud_tasks/worker.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

namespace {

double EnvDouble(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::atof(v) : 0.0;
}

bool Chance(std::mt19937_64& rng, const char* name) {
  return std::uniform_real_distribution<double>(0, 1)(rng) < EnvDouble(name);
}

std::string OutputDir(const std::vector<std::string>& extra) {
  for (size_t i = 0; i + 1 < extra.size(); ++i)
    if (extra[i] == "--output-dir") return extra[i + 1];
  const char* env = std::getenv("ADDITION_OUTPUT_DIR");
  return env && *env ? env : "results";
}

cloud_tasks::TaskResult Add(const cloud_tasks::Task& task, cloud_tasks::WorkerContext& ctx) {
  std::mt19937_64 rng(std::random_device{}() ^ static_cast<uint64_t>(::getpid()));
  long long sum = task.data.at("num1").get<long long>() + task.data.at("num2").get<long long>();
  std::this_thread::sleep_for(std::chrono::duration<double>(EnvDouble("ADDITION_TASK_DELAY")));
  if (Chance(rng, "ADDITION_EXCEPTION_PROBABILITY"))
    throw std::runtime_error("simulated failure in " + task.task_id);
  if (Chance(rng, "ADDITION_TIMEOUT_PROBABILITY")) std::this_thread::sleep_for(std::chrono::hours(24));
  if (Chance(rng, "ADDITION_EXIT_PROBABILITY")) std::exit(3);
  if (Chance(rng, "ADDITION_RETRY_PROBABILITY")) return cloud_tasks::TaskResult::Retry();
  std::string dir = OutputDir(ctx.extra_args());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/" + task.task_id + ".txt") << sum << "\n";
  return cloud_tasks::TaskResult::Done({{"sum", sum}});
}

}  // namespace

int main(int argc, char** argv) { return cloud_tasks::RunWorker(Add, argc, argv); }
