#pragma once
// Helpers for the config tests: config files written under ::testing::TempDir().

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "config/config.h"

namespace cloud_tasks::config::testing {

/// <TempDir>/config_tests_<pid>/<name>: where WriteConfig puts `name` (one folder per
/// test process, so tests running in parallel never share a file).
inline std::string ConfigPath(const std::string& name) {
  std::string folder = "config_tests_" + std::to_string(::getpid());
  return (std::filesystem::path(::testing::TempDir()) / folder / name).string();
}

/// Writes `text` to ConfigPath(name) (creating folders) and returns the path.
inline std::string WriteConfig(const std::string& name, const std::string& text) {
  std::filesystem::path path = ConfigPath(name);
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path.string();
}

/// Loads `text` as a config file called `name`; the Result carries any error.
inline Result<ConfigFile> LoadText(const std::string& text, const std::string& name = "config.yml") {
  return LoadConfigFile(WriteConfig(name, text));
}

/// The error message of a failed Result/Status, or "<ok>".
template <typename T>
std::string ErrorOf(const Result<T>& result) {
  return result.ok() ? "<ok>" : result.status().message();
}
inline std::string ErrorOf(const Status& status) { return status.ok() ? "<ok>" : status.message(); }

/// A command line holding `values` (key → JSON), each with origin "--<dashed-key>".
inline CommandLine Cli(std::initializer_list<std::pair<const char*, Json>> values,
                       std::optional<std::string> provider = std::nullopt) {
  CommandLine cli;
  cli.provider = std::move(provider);
  cli.values.name = "CLI";
  for (const auto& [key, value] : values) {
    cli.values.values[key] = SourcedValue{value, "--" + DashedName(key)};
  }
  return cli;
}

}  // namespace cloud_tasks::config::testing
