#pragma once
/// The TaskReader returned by TaskReader::Open: a format's task source plus start_task,
/// limit and the duplicate check.

#include <memory>

#include "taskfile/duplicate_checker.h"
#include "taskfile/task_reader.h"

namespace cloud_tasks::taskfile {

/// Wraps `source` (which yields every task of the file in order). With `duplicates`,
/// the reader parses up to kLookahead tasks ahead of the one it returns, so the hash
/// table slot of each id is prefetched before it is checked; it never parses past
/// start_task + limit, and an error found ahead is returned only when the tasks before
/// it have been returned.
std::unique_ptr<TaskReader> MakeSelectingReader(std::unique_ptr<TaskReader> source, ReaderOptions options,
                                                std::unique_ptr<DuplicateChecker> duplicates);

}  // namespace cloud_tasks::taskfile
