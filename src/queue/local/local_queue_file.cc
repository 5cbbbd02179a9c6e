#include "queue/local/local_queue_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <random>

#include "core/files.h"

namespace cloud_tasks::queue::local {
namespace {

constexpr int64_t kApplicationId = 0x43545155;  // "CTQU"
constexpr int64_t kSchemaVersion = 1;

constexpr const char* kSchema = R"sql(
PRAGMA application_id = 1129599317;
PRAGMA user_version = 1;
CREATE TABLE messages(
  id INTEGER PRIMARY KEY,
  body TEXT NOT NULL,
  visible_at INTEGER NOT NULL,
  receive_count INTEGER NOT NULL DEFAULT 0,
  lease INTEGER
);
CREATE INDEX messages_by_visible_at ON messages(visible_at);
PRAGMA journal_mode = WAL;
)sql";
static_assert(kApplicationId == 1129599317);

// Makes a directory entry durable (creation or removal of a queue survives power loss).
void SyncDirectory(const std::string& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Writes the schema into a new private file at `tmp`.
Status BuildQueueFile(const std::string& tmp) {
  CT_ASSIGN_OR_RETURN(int fd, CreateFileWithMode(tmp, 0600, /*truncate=*/true));
  ::close(fd);
  CT_ASSIGN_OR_RETURN(sqlite::Database db, sqlite::Database::Open(tmp, SQLITE_OPEN_READWRITE));
  return db.Exec(kSchema);
}  // closing the connection checkpoints and removes tmp's -wal and -shm

// Puts `tmp` in place as `path` unless `path` exists; `tmp` is gone afterwards.
Status LinkIntoPlace(const std::string& tmp, const std::string& path) {
  if (::link(tmp.c_str(), path.c_str()) == 0 || errno == EEXIST) {
    ::unlink(tmp.c_str());
    return OkStatus();
  }
  // File systems without hard links: rename (a concurrent creator may then be replaced
  // by an identical empty queue, before anyone could use it).
  if (FileExists(path)) {
    ::unlink(tmp.c_str());
    return OkStatus();
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return ErrnoError(fmt::format("cannot create queue file '{}'", path), err);
  }
  return OkStatus();
}

}  // namespace

std::string QueueFilePath(const std::string& directory, const std::string& name) {
  return directory + "/" + name + ".queue.db";
}

Status EnsureDirectory(const std::string& directory) {
  if (directory.empty()) return InvalidArgumentError("the local queue directory is not set");
  for (size_t pos = 1; pos <= directory.size(); ++pos) {
    if (pos != directory.size() && directory[pos] != '/') continue;
    std::string prefix = directory.substr(0, pos);
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) {
      return ErrnoError(fmt::format("cannot create queue directory '{}'", prefix), errno);
    }
  }
  struct stat st;
  if (::stat(directory.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return FailedPreconditionError(fmt::format("queue directory '{}' is not a directory", directory));
  }
  return OkStatus();
}

Status CreateQueueFile(const std::string& path) {
  if (FileExists(path)) return OkStatus();
  std::string tmp = fmt::format("{}.tmp-{}-{:x}", path, ::getpid(), std::random_device{}());
  Status built = BuildQueueFile(tmp);
  if (!built.ok()) {
    RemoveQueueFiles(tmp).IgnoreError();
    return built.WithContext(fmt::format("cannot create queue file '{}'", path));
  }
  CT_RETURN_IF_ERROR(LinkIntoPlace(tmp, path));
  SyncDirectory(DirectoryOf(path));
  return OkStatus();
}

Result<sqlite::Database> OpenQueueDatabase(const std::string& path, std::chrono::milliseconds busy_timeout,
                                           bool sync_every_commit) {
  CT_ASSIGN_OR_RETURN(sqlite::Database db,
                      sqlite::Database::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX));
  sqlite3_busy_timeout(db.get(), static_cast<int>(busy_timeout.count()));
  CT_RETURN_IF_ERROR(
      db.Exec(sync_every_commit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL"));
  CT_ASSIGN_OR_RETURN(int64_t application_id, db.QueryInt("PRAGMA application_id"));
  if (application_id != kApplicationId) {
    return FailedPreconditionError(fmt::format("'{}' is not a cloud_tasks queue file", path));
  }
  CT_ASSIGN_OR_RETURN(int64_t version, db.QueryInt("PRAGMA user_version"));
  if (version != kSchemaVersion) {
    return FailedPreconditionError(fmt::format(
        "queue file '{}' has schema version {}; this program reads version {} (written by another "
        "cloud_tasks version?)",
        path, version, kSchemaVersion));
  }
  return db;
}

Status RemoveQueueFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::string file = path + suffix;
    if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
      return ErrnoError(fmt::format("cannot delete queue file '{}'", file), errno);
    }
  }
  SyncDirectory(DirectoryOf(path));
  return OkStatus();
}

}  // namespace cloud_tasks::queue::local
