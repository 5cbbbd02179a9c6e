#pragma once
/// Talking to the user at a terminal: confirmations, the Ctrl+C menu (CLI-25), the dump
/// question (CLI-26) and the live progress line. Without a terminal on stdin nothing is
/// asked: confirmations are refused (use --force) and an interrupt leaves the job
/// running (resumable with --continue).

#include <string>

#include "orchestrator/job_runner.h"

namespace cloud_tasks::cli {

bool StdinIsTerminal();

/// Prints `warning`, then asks `Type '<expected>' to confirm: `; true on an exact match.
bool ConfirmByTyping(const std::string& warning, const std::string& expected);

/// Installs a SIGINT handler that only counts interrupts (restored by the destructor).
class InterruptCounter {
 public:
  InterruptCounter();
  ~InterruptCounter();
  int count() const;
  void reset();
};

/// The Ctrl+C menu: T, L or C (re-asked on anything else; Ctrl+C or end of input = L).
orchestrator::InterruptChoice AskInterruptChoice(InterruptCounter& counter);

/// `Dump? (Y/N): ` after T or L; Ctrl+C or end of input = no.
bool AskDump();

/// Renders progress: one rewritten line on a terminal (stderr), else a plain line.
void PrintProgress(const orchestrator::Progress& p, bool terminal);

}  // namespace cloud_tasks::cli
