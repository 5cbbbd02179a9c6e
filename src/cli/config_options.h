#pragma once
/// Command-line flags generated from the configuration key table (config/keys.h):
/// `--max-instances` for `max_instances`, `--use-spot`/`--no-use-spot` for booleans
/// (tri-state: a flag not given leaves the file's value alone, BUG-CFG-01), lists take
/// one or more values split on commas and spaces (CLI-06). Collected values become the
/// command-line layer of config::Merge.

#include <CLI/CLI.hpp>
#include <initializer_list>
#include <set>
#include <string>

#include "config/config.h"

namespace cloud_tasks::cli {

class ConfigOptions {
 public:
  /// Adds `--config`, `--provider` and one flag for every key in `groups`, minus `exclude`.
  void Add(CLI::App& app, std::initializer_list<config::Group> groups, std::set<std::string> exclude = {});

  /// Adds the flag of one key (e.g. `db_file` as `--db-file`) regardless of its group.
  void AddKey(CLI::App& app, std::string_view key_name);

  /// Loads `--config` (if given) and merges it with the flags. Logs each override warning.
  /// Errors carry the text printed after "Invalid configuration: ".
  Result<config::Settings> Resolve(bool read_startup_script = false) const;

  const std::string& config_path() const { return config_path_; }
  const config::CommandLine& command_line() const { return cli_; }

 private:
  void AddFlagFor(CLI::App& app, const config::KeyInfo& key);
  void Set(const config::KeyInfo& key, Json value);

  std::string config_path_;
  config::CommandLine cli_;
};

/// "(default: X)" suffix for help texts, or "" when there is no default.
std::string DefaultSuffix(std::string_view default_text);

}  // namespace cloud_tasks::cli
