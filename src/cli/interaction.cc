#include "cli/interaction.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <iostream>

#include "core/strings.h"
#include "core/time_util.h"

namespace cloud_tasks::cli {
namespace {

std::atomic<int> g_interrupts{0};
struct sigaction g_previous;

void OnSigint(int) { g_interrupts.fetch_add(1); }

// One answer line; nullopt on end of input or when Ctrl+C was pressed meanwhile.
std::optional<std::string> ReadAnswer(const std::string& prompt) {
  int before = g_interrupts.load();
  fmt::print("{}", prompt);
  std::fflush(stdout);
  std::string line;
  if (!std::getline(std::cin, line) || g_interrupts.load() != before) {
    std::cin.clear();
    fmt::print("\n");
    return std::nullopt;
  }
  return std::string(Trim(line));
}

}  // namespace

bool StdinIsTerminal() { return ::isatty(STDIN_FILENO) == 1; }

bool ConfirmByTyping(const std::string& warning, const std::string& expected) {
  fmt::print(stderr, "WARNING: {}\n", warning);
  if (!StdinIsTerminal()) {
    fmt::print(stderr, "Not asking without a terminal; use --force to proceed.\n");
    return false;
  }
  auto answer = ReadAnswer(fmt::format("Type '{}' to confirm: ", expected));
  return answer && *answer == expected;
}

InterruptCounter::InterruptCounter() {
  struct sigaction sa {};
  sa.sa_handler = &OnSigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART: a blocking read returns, so the prompt sees it
  ::sigaction(SIGINT, &sa, &g_previous);
  g_interrupts = 0;
}

InterruptCounter::~InterruptCounter() { ::sigaction(SIGINT, &g_previous, nullptr); }

int InterruptCounter::count() const { return g_interrupts.load(); }

void InterruptCounter::reset() { g_interrupts = 0; }

orchestrator::InterruptChoice AskInterruptChoice(InterruptCounter& counter) {
  using orchestrator::InterruptChoice;
  fmt::print("\n");
  if (!StdinIsTerminal()) {
    fmt::print("Interrupted: leaving instances and queues in place (resume with --continue)\n");
    return InterruptChoice::kLeaveRunning;
  }
  fmt::print(
      "Choose action:\n[T] Terminate all instances and delete queues\n"
      "[L] Leave instances running (can resume with --continue)\n[C] Cancel and continue running\n");
  for (;;) {
    auto answer = ReadAnswer("Enter choice (T/L/C): ");
    if (!answer) return InterruptChoice::kLeaveRunning;
    std::string a = ToUpper(*answer);
    if (a == "T") return InterruptChoice::kTerminate;
    if (a == "L") return InterruptChoice::kLeaveRunning;
    if (a == "C") {
      counter.reset();
      return InterruptChoice::kContinue;
    }
    fmt::print("Invalid choice '{}'. Please enter T, L, or C.\n", *answer);
  }
}

bool AskDump() {
  if (!StdinIsTerminal()) return false;
  fmt::print(
      "You can write the tasks to one JSON file per status (<job_id>_<status>.json in this folder),\n"
      "in the task-file format, to re-run some of them later.\n");
  for (;;) {
    auto answer = ReadAnswer("Dump? (Y/N): ");
    if (!answer) return false;
    std::string a = ToLower(*answer);
    if (a == "y" || a == "yes") return true;
    if (a == "n" || a == "no") return false;
    fmt::print("Please enter y or n.\n");
  }
}

void PrintProgress(const orchestrator::Progress& p, bool terminal) {
  double pct = p.total > 0 ? 100.0 * static_cast<double>(p.done) / static_cast<double>(p.total) : 100.0;
  std::string eta = p.eta_seconds ? FormatHms(*p.eta_seconds) : std::string("-");
  std::string line = fmt::format(
      "{}/{} tasks done ({:.1f}%), {:.1f} tasks/s, ETA {}, {} instance(s), ${:.2f}/hour, {} failed", p.done,
      p.total, pct, p.per_second, eta, p.instances, p.price_per_hour, p.failed);
  if (terminal) {
    fmt::print(stderr, "\r\033[K{}", line);
  } else {
    fmt::print(stderr, "{}\n", line);
  }
  std::fflush(stderr);
}

}  // namespace cloud_tasks::cli
