#pragma once
/// File helpers. Files that hold task data or job state are private (mode 0600).

#include <string>
#include <string_view>

#include "core/status.h"

namespace cloud_tasks {

bool FileExists(const std::string& path);

Result<std::string> ReadFileToString(const std::string& path);

/// Writes `contents` to `path` through a temporary file in the same directory and a
/// rename, so readers see the old or the new file, never a half-written one.
Status WriteFileAtomic(const std::string& path, std::string_view contents, int mode = 0600);

/// Creates (or truncates) `path` with `mode` and returns an open fd, or an error naming the path.
Result<int> CreateFileWithMode(const std::string& path, int mode, bool truncate);

}  // namespace cloud_tasks
