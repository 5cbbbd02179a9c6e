#pragma once
// Running the `cloud_tasks` program in the CLI tests: a real process with a private state
// folder (never the user's ~/.local/state), and a scratch folder per test.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/run_process.h"

namespace cloud_tasks::cli::testing {

using cloud_tasks::testing::ProcessResult;
using cloud_tasks::testing::RunProcess;

inline const std::string kBinary = std::string(CT_BINARY_DIR) + "/cloud_tasks";

inline const std::string kStateHome =
    (std::filesystem::path(::testing::TempDir()) / ("ct_cli_state_" + std::to_string(::getpid()))).string();

inline ProcessResult Cli(std::vector<std::string> args, const std::string& cwd = "") {
  args.insert(args.begin(), kBinary);
  return RunProcess(args, cwd, {"XDG_STATE_HOME=" + kStateHome});
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::path(::testing::TempDir()) /
            ("ct_cli_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream((path_ / name).string()) << text;
    return (path_ / name).string();
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

}  // namespace cloud_tasks::cli::testing
