#pragma once
/// Dump of the task set by status (CLI-61): for each status with at least one task,
/// `<directory>/<job_id>_<status>.json` (`/` and `\` in the status replaced by `_`), a
/// JSON array (indent 2) of `{"task_id": ..., "data": {...}}` objects in insertion order
/// — the task-file format, so the union of the files is the original task set.
///
/// Rows are streamed from the database to the file; each file is written to a temporary
/// name with mode 0600 and renamed into place when complete.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "jobdb/job_store.h"

namespace cloud_tasks::jobdb {

struct DumpOptions {
  std::string directory = ".";
  std::string job_id{};
};

struct DumpedFile {
  std::string status;
  std::string path;
  int64_t count = 0;
};

struct DumpResult {
  std::vector<DumpedFile> files;  ///< sorted by status; empty for an empty database
  /// Tasks whose stored data was not valid JSON; written with `data` as the raw text in a
  /// JSON string (and a warning logged) so that no task is lost.
  int64_t invalid_data = 0;
};

/// `<job_id>_<status>.json` with `/` and `\` in `status` replaced by `_`.
std::string DumpFileName(std::string_view job_id, std::string_view status);

/// Writes one file per status; an error names the file. Files already written stay.
Result<DumpResult> DumpTasksByStatus(JobStore& store, const DumpOptions& options);

}  // namespace cloud_tasks::jobdb
