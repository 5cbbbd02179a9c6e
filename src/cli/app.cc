#include "cli/app.h"

#include <fmt/format.h>

#include <algorithm>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "core/logging.h"
#include "core/strings.h"

namespace cloud_tasks::cli {
namespace {

constexpr const char* kDescription =
    "cloud_tasks: run large batches of independent tasks on AWS, GCP or this machine.\n"
    "Run 'cloud_tasks <command> --help' for the options of a command.";

std::vector<std::string> LongNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options())
    for (const auto& n : opt->get_lnames()) names.push_back("--" + n);
  return names;
}

}  // namespace

std::vector<std::string> ExpandOptionPrefixes(CLI::App& app, const std::vector<std::string>& args,
                                              std::string* ambiguity) {
  std::vector<std::string> names = LongNames(app);
  for (const std::string& a : args) {
    if (StartsWith(a, "-")) continue;
    for (CLI::App* sub : app.get_subcommands({}))
      if (sub->get_name() == a) {
        auto more = LongNames(*sub);
        names.insert(names.end(), more.begin(), more.end());
      }
    break;
  }
  std::vector<std::string> out;
  bool passthrough = false;
  for (const std::string& a : args) {
    if (passthrough || a == "--" || !StartsWith(a, "--")) {
      passthrough |= a == "--";
      out.push_back(a);
      continue;
    }
    size_t eq = a.find('=');
    std::string flag = a.substr(0, eq);
    std::string rest = eq == std::string::npos ? "" : a.substr(eq);
    if (std::find(names.begin(), names.end(), flag) != names.end()) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> matches;
    for (const auto& n : names)
      if (StartsWith(n, flag) && std::find(matches.begin(), matches.end(), n) == matches.end())
        matches.push_back(n);
    if (matches.size() == 1) {
      out.push_back(matches[0] + rest);
    } else {
      if (matches.size() > 1 && ambiguity && ambiguity->empty())
        *ambiguity = fmt::format("ambiguous option: {} could match {}", flag, Join(matches, ", "));
      out.push_back(a);
    }
  }
  return out;
}

int Main(const std::vector<std::string>& args) {
  CLI::App app(kDescription, "cloud_tasks");
  app.require_subcommand(1);
  app.fallthrough();
  int verbosity = 0;
  app.add_flag("-v,--verbose", verbosity, "More output: -v for INFO, -vv for DEBUG (default: warnings only)");

  auto commands = MakeAllCommands();
  Command* chosen = nullptr;
  for (auto& command : commands) {
    CLI::App* sub = app.add_subcommand(command->name(), command->summary());
    command->Define(*sub);
    Command* c = command.get();
    sub->callback([&chosen, c] { chosen = c; });
  }

  std::string ambiguity;
  std::vector<std::string> expanded = ExpandOptionPrefixes(app, args, &ambiguity);
  if (!ambiguity.empty()) {
    fmt::print(stderr, "cloud_tasks: error: {}\n", ambiguity);
    return kExitUsage;
  }
  std::vector<std::string> reversed(expanded.rbegin(), expanded.rend());  // CLI11 wants reverse order
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (!chosen) return kExitUsage;
  // `run` always shows its progress (CLI-03).
  if (std::string(chosen->name()) == "run") verbosity = std::max(verbosity, 1);
  SetLogLevel(LevelForVerbosity(verbosity));
  return chosen->Run();
}

}  // namespace cloud_tasks::cli
