#pragma once
/// The `cloud_tasks` program: parses the command line and runs one command.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace cloud_tasks::cli {

/// Runs `cloud_tasks` with `args` (without the program name). Returns the exit status:
/// 0 success, 1 failure, 2 usage error (CLI-07).
int Main(const std::vector<std::string>& args);

/// Expands unambiguous long-option prefixes (`--max-inst` → `--max-instances`), as the
/// original's argparse does, for the options of `app` and of the subcommand named in
/// `args`. Arguments after `--` are left alone. An ambiguous prefix is left as given,
/// and `ambiguity` receives a message naming the candidates.
std::vector<std::string> ExpandOptionPrefixes(CLI::App& app, const std::vector<std::string>& args,
                                              std::string* ambiguity);

}  // namespace cloud_tasks::cli
