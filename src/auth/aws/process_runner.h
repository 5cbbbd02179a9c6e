#pragma once
/// Running a helper program and collecting its output, injected so credential_process can
/// be tested with a scripted runner. The real runner forks and execs directly (PATH
/// lookup, no shell), like Python's subprocess.Popen(list).

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::auth::aws {

struct ProcessOutput {
  int exit_code = 0;  ///< exit status, or 128 + signal number
  std::string out;    ///< everything written to stdout
  std::string err;    ///< everything written to stderr
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  /// Runs argv[0] (searched in PATH) with the arguments, stdin inherited, and waits for it.
  /// An error only when it could not be started (kNotFound / kIo naming argv[0]); a
  /// non-zero exit is an answer.
  virtual Result<ProcessOutput> Run(const std::vector<std::string>& argv) = 0;
};

/// fork + execvp; stdout and stderr captured through pipes.
std::unique_ptr<ProcessRunner> MakeForkExecRunner();

}  // namespace cloud_tasks::auth::aws
