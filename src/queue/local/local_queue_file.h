#pragma once
/// The files of LocalQueue: `<directory>/<name>.queue.db` (SQLite, WAL mode, mode 0600,
/// as are its -wal and -shm companions). Internal to the local backend.
///
/// Schema (version 1):
///   messages(id INTEGER PRIMARY KEY, body TEXT NOT NULL, visible_at INTEGER NOT NULL,
///            receive_count INTEGER NOT NULL DEFAULT 0, lease INTEGER)
///   index messages_by_visible_at(visible_at)
/// visible_at is in ms since the Unix epoch; a message is leased while visible_at is in
/// the future and `lease` holds the random token of its current delivery (NULL when it
/// has never been delivered or was released).

#include <chrono>
#include <string>

#include "core/status.h"
#include "sqlite/sqlite_util.h"

namespace cloud_tasks::queue::local {

/// `<directory>/<name>.queue.db`.
std::string QueueFilePath(const std::string& directory, const std::string& name);

/// Creates `directory` and any missing parents with mode 0700 (existing ones are kept).
Status EnsureDirectory(const std::string& directory);

/// Creates the queue file at `path` unless it exists. The file is built under a temporary
/// name and linked into place, so other processes see no file or a complete queue.
Status CreateQueueFile(const std::string& path);

/// Opens an existing queue file read-write with `busy_timeout` and the given durability
/// (synchronous=FULL when `sync_every_commit`, else NORMAL). FailedPrecondition when the
/// file is not a queue of this schema version.
Result<sqlite::Database> OpenQueueDatabase(const std::string& path, std::chrono::milliseconds busy_timeout,
                                           bool sync_every_commit);

/// Deletes the queue file and its -wal and -shm companions (missing ones are ignored).
Status RemoveQueueFiles(const std::string& path);

}  // namespace cloud_tasks::queue::local
