#pragma once
// Helpers for the compute tests: a temporary directory removed at scope exit, and
// polling for a condition with a deadline.

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "compute/provider.h"

namespace cloud_tasks::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ct_compute_XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline compute::ListInstancesOptions Opts(std::optional<std::string> job_id = std::nullopt,
                                          bool include_terminated = false) {
  compute::ListInstancesOptions options;
  options.job_id = std::move(job_id);
  options.include_terminated = include_terminated;
  return options;
}

/// Polls `done` every 10 ms until it holds or `timeout` passes; returns its last value.
inline bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace cloud_tasks::testing
