#pragma once
/// Streaming reader for task files: a list of independent tasks
/// `[{"task_id": "t1", "data": {...}}, ...]` as JSON, JSON Lines or YAML, each optionally
/// gzip-compressed.
///
/// Memory does not depend on the file size, apart from duplicate detection: a reader
/// holds a 1 MiB window (larger only while a bigger task is parsed) and, with
/// check_duplicates, a table of 64-bit task-id hashes (~16 bytes per task);
/// ValidateTaskFile keeps 8 bytes per task. Ids themselves are never kept: a repeated
/// hash is confirmed by re-reading the file, so a hash collision never causes an error.
///
/// Every rule violation is an InvalidArgument Status whose message starts with
/// `<path>:<line>:<column>: ` and names the task index and the rule, e.g.
/// `tasks.json:12:5: task 7: "task_id" must be a non-empty string (got number)`.
/// JSON columns count bytes; YAML columns are libyaml's (characters). Files that cannot
/// be opened or read give NotFound/PermissionDenied/IoError naming the path.
///
/// Formats: JSON is a top-level array of task objects, scanned and validated in place
/// (RFC 8259 syntax, well-formed UTF-8; a UTF-8 byte order mark is skipped). JSON Lines
/// holds one task object per line (blank lines allowed). YAML is one document whose root
/// is a sequence of task mappings, parsed with libyaml events (no textual splitting):
/// only the standard tags are honoured (anything like !!python/object is an error),
/// plain scalars are typed like PyYAML's safe loader, anchors, aliases and `<<` merge
/// keys work within memory bounds (see yaml_json_builder.h), NaN/Inf are errors.
/// In a task, "task_id" must be a non-empty string and "data" an object, each exactly
/// once; other keys are ignored.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"

namespace cloud_tasks::taskfile {

/// One task as read from the file.
struct Task {
  std::string task_id;
  std::string data_json;  ///< compact JSON text of the "data" object; YAML converted to JSON
  uint64_t index = 0;     ///< 0-based position of the task in the file
  uint64_t line = 0;      ///< 1-based line where the task's item starts
  uint64_t column = 0;    ///< 1-based column where the task's item starts
};

enum class Format { kJson, kJsonLines, kYaml };

struct FormatInfo {
  Format format;
  bool gzip;
};

/// Chooses the format from the file name (case-insensitive): `.json`, `.jsonl`/`.ndjson`,
/// `.yaml`/`.yml`, each optionally followed by `.gz`. Anything else is InvalidArgument
/// `Unsupported file format for tasks: <path> (...)`.
Result<FormatInfo> DetectFormat(const std::string& path);

struct ReaderOptions {
  /// Skip the first N tasks (start_task=2 begins at the third task), as the original did.
  uint64_t start_task = 0;
  /// Yield at most N tasks after skipping; limit <= 0 yields nothing.
  std::optional<int64_t> limit = std::nullopt;
  /// Reject a task whose task_id equals an earlier one. The reader checks every task it
  /// parses (skipped ones included; tasks past start_task + limit are never parsed). The
  /// error comes in place of the second occurrence, after the tasks before it have been
  /// returned, so callers that must not act on a bad file run ValidateTaskFile first.
  bool check_duplicates = true;
};

/// Reads tasks one at a time. Errors are sticky: after an error every call returns it.
class TaskReader {
 public:
  /// Opens `path` (format from DetectFormat). Fails when the name has no supported
  /// extension or the file cannot be opened; content errors come from Next.
  static Result<std::unique_ptr<TaskReader>> Open(const std::string& path, ReaderOptions options = {});
  virtual ~TaskReader() = default;

  /// Reads the next task into `out`. Returns true, false at the end, or an error Status.
  virtual Result<bool> Next(Task& out) = 0;
};

/// Streams the whole file, checking every rule including duplicate task ids (whatever
/// `options.check_duplicates` says), and returns the number of tasks that a reader opened
/// with `options` would yield (start_task and limit applied to the file's task count).
Result<uint64_t> ValidateTaskFile(const std::string& path, ReaderOptions options = {});

}  // namespace cloud_tasks::taskfile
