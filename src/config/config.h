#pragma once
/// Loading, merging and validating the configuration (seed inventory section 2).
///
/// Sources, highest precedence first: command line > the selected provider's section >
/// `run:` section > built-in defaults (keys.h). Every override of one set value by a
/// different one produces one warning naming both values and their sources.
/// Every error names the file (with line and column) or the flag, the key path
/// (`gcp.max_cpu`) and the rule, e.g.
///   `config.yml:7:12: gcp.min_cpu (16) must be <= gcp.max_cpu (8)`.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/keys.h"
#include "core/json.h"
#include "core/status.h"

namespace cloud_tasks::config {

/// A value and where it came from: "config.yml:12:5" or "--max-instances".
struct SourcedValue {
  Json value;
  std::string origin;
};

/// One source of settings: a section of the file ("run", "gcp", ...) or "CLI".
struct Layer {
  std::string name;
  std::map<std::string, SourcedValue> values;  ///< keyed by underscore key name
};

struct ConfigFile {
  std::string path;
  std::optional<SourcedValue> provider;  ///< lower-cased provider name
  Layer run;
  std::map<std::string, Layer> providers;  ///< "aws", "gcp", "local", "azure"
};

/// Reads and checks a YAML config file: a mapping at the top; known sections only; keys
/// in underscore or dashed form valid for their section (an unknown key is an error with
/// a "did you mean" suggestion; `job_id` under `run:` says where it belongs); each value's
/// type and bound; `instance_types` patterns compile as RE2; `job_id`/`queue_name` match
/// `^[a-z][-a-z0-9]{0,23}$`. A string `instance_types`/`boot_disk_types` becomes a
/// one-element list in every section (BUG-CFG-03). A relative `startup_script_file` is
/// resolved against the file's folder (CFG-10). Values are stored normalised (see
/// NormalizeValue in config/values.h); `key:` with a null value is left out. Each section
/// is also checked on its own for min_X <= max_X and for both kinds of startup script.
/// Errors: NotFound "Configuration file not found: <path>", otherwise InvalidArgument
/// "<path>:<line>:<col>: <section>.<key>: <rule>" for the first problem in the file.
Result<ConfigFile> LoadConfigFile(const std::string& path);

/// Values given on the command line, already typed; origin is the flag ("--max-cpu").
/// `values.values` is keyed by underscore key name (dashed is accepted too); the JSON type
/// per KeyType: kInt integer, kFloat number, kBool boolean, kString/kPath string,
/// kStringList array of strings (or one string). A null value counts as "not given".
/// An empty origin is read as the key's flag. config/values.h ParseFlagValue turns flag
/// text into such a value. `provider` may be in any case.
struct CommandLine {
  std::optional<std::string> provider;
  Layer values;  ///< name "CLI"
};

struct MergeOptions {
  const ConfigFile* file = nullptr;  ///< may be null: no config file
  CommandLine cli{};                 // `{}` so designated initializers may omit it under -Wextra
  /// Read `startup_script_file` into `startup_script` (CFG-23).
  bool read_startup_script = true;
};

struct MergeResult {
  Settings settings;
  std::vector<std::string> warnings;  ///< override warnings, in order
};

/// Merges file and command line for the selected provider (CLI, else file, else
/// "local": the embedded default). Applies defaults and derived values (queue_name from
/// job_id, db_file `<job_id>.db`, region from zone for aws/gcp, upper-cased architecture,
/// lower-cased boot_disk_types), then checks every rule that spans keys: each min_X <=
/// max_X pair (equality allowed), startup_script vs startup_script_file (a file given on
/// the command line replaces an inline script from the file: BUG-CFG-06), region/zone
/// agreement, and each value's type and bound (so a bad CLI value is an error too).
/// `azure` is recognised and refused with a clear message. A command-line key that the
/// selected provider does not accept (`--project-id` with aws) is an error. Warnings are
/// returned, not logged. When the script file is read, `startup_script_file` stays set
/// too. Booleans whose default is false stay unset (consumers read unset as false).
Result<MergeResult> Merge(const MergeOptions& options);

/// Checks one value against its key's type, bound and key-specific rules. `path` is the
/// key path for messages ("gcp.max_cpu"), `origin` the file position or flag. Messages
/// read "<origin>: <path>: <rule>", or "<flag>: <rule>" when `origin` starts with '-'.
/// A secret key's value never appears in the message.
Status CheckValue(const KeyInfo& key, const Json& value, const std::string& path, const std::string& origin);

/// "key = value" lines describing the settings for logs; secrets are shown as "<redacted>".
std::vector<std::string> DescribeSettings(const Settings& settings);

}  // namespace cloud_tasks::config
