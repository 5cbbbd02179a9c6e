#pragma once
/// Helpers around single configuration values, shared by the file loader, Merge and the
/// command-line layer: normalisation, formatting for messages and logs, parsing of flag
/// text, and the min/max pair rule.

#include <string>
#include <string_view>
#include <vector>

#include "config/keys.h"
#include "core/json.h"
#include "core/status.h"

namespace cloud_tasks::config {

/// Brings a value that passed CheckValue into its canonical form (idempotent):
/// kInt: an integral float (2.0) becomes the integer 2; kStringList: a single string
/// becomes a one-element list (BUG-CFG-03, every section); `architecture` upper-cased;
/// `boot_disk_types` lower-cased. Other values are returned unchanged (`cpu_family`
/// keeps the user's spelling; consumers compare it case-insensitively).
Json NormalizeValue(const KeyInfo& key, Json value);

/// A value for warnings and logs: strings bare (quoted and escaped, abbreviated, when
/// they span lines), lists "[a, b]", numbers and booleans as JSON; a secret key's value is
/// always "<redacted>".
std::string FormatValue(const KeyInfo& key, const Json& value);

/// "--max-instances" for max_instances.
std::string FlagName(const KeyInfo& key);

/// Turns command-line text into the value CheckValue expects, typed like an unquoted YAML
/// scalar (so `--use-spot=yes` and `--max-cpu 0x10` behave as in the file):
///   kInt/kFloat/kBool: exactly one argument, typed with ResolvePlainScalar;
///   kString/kPath: exactly one argument, taken verbatim;
///   kStringList: one or more arguments, each split on commas and spaces, empty pieces
///   dropped (CLI-06).
/// Then runs CheckValue with the flag as origin, so errors read
/// `--max-cpu: must be > 0 (got 0)`.
Result<Json> ParseFlagValue(const KeyInfo& key, const std::vector<std::string>& args);

/// The max_X key paired with min_X (CFG-05: every min_X whose max_X exists), or nullptr.
const KeyInfo* PairedMax(const KeyInfo& min_key);

/// A value placed by a source, as the cross-key rules see it.
struct Placed {
  Json value;
  std::string origin;  ///< "config.yml:7:12", "--max-cpu" or "default"
  std::string label;   ///< "gcp.min_cpu" for a file value, "min_cpu" otherwise
  std::string layer;   ///< "run", "gcp", ..., "CLI" or "default"
};

/// min <= max (equality allowed; BUG-CFG-07). The error names both values; when both
/// come from the same file section it reads
///   `config.yml:7:12: gcp.min_cpu (16) must be <= gcp.max_cpu (8)`
/// and otherwise names both origins:
///   `gcp.min_cpu (16, config.yml:7:12) must be <= max_cpu (8, --max-cpu)`.
Status CheckPair(const KeyInfo& min_key, const Placed& min, const KeyInfo& max_key, const Placed& max);

/// The shared "both kinds of startup script" error (CFG-23), naming both origins.
Status StartupScriptConflict(const std::string& script_origin, const std::string& file_origin);

}  // namespace cloud_tasks::config
