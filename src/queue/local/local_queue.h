#pragma once
/// LocalQueue: a durable TaskQueue in one SQLite file per queue, shared by any number of
/// processes on one machine (the manager and the workers of `--provider local`), and
/// LocalQueueService, which creates, opens and deletes those files in one directory.
///
/// Each operation is one SQLite transaction, so a process killed at any point loses no
/// message: a receive either commits its leases or leaves the messages visible. Leases
/// end by themselves (a message whose visible_at has passed is visible again); receipts
/// carry a random token of the delivery, so a stale receipt fails with NotFound.
/// Thread-safe (one connection per object, serialised by a mutex that is not held while
/// a long-polling Receive sleeps). Never share an object across fork(): open a new one
/// in the child.

#include <chrono>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "queue/task_queue.h"
#include "sqlite/sqlite_util.h"

namespace cloud_tasks::queue {

struct LocalQueueOptions {
  /// Where the queue files live (`<directory>/<name>.queue.db`); CreateIfMissing
  /// creates it with mode 0700.
  std::string directory;
  size_t max_message_bytes = 256 * 1024;
  /// How long an operation waits for another process's write transaction to finish.
  std::chrono::milliseconds busy_timeout{30000};
  /// false: a committed operation survives a crash of any process, but the last ones may
  /// be undone by a power loss (SQLite synchronous=NORMAL in WAL mode). true: every
  /// commit is flushed to disk first (synchronous=FULL), at a large cost in speed.
  bool sync_every_commit = false;
  /// A long-polling Receive on an empty queue looks again after min_poll_interval, then
  /// at growing intervals up to max_poll_interval.
  std::chrono::milliseconds min_poll_interval{5};
  std::chrono::milliseconds max_poll_interval{50};
};

class LocalQueue final : public TaskQueue {
 public:
  /// Opens the existing queue file of `name` in options.directory; NotFound (naming the
  /// queue and the directory) when it does not exist. The name must be valid.
  static Result<std::unique_ptr<LocalQueue>> Open(const LocalQueueOptions& options, const std::string& name);

  ~LocalQueue() override;

  const std::string& name() const override { return name_; }
  size_t max_message_bytes() const override { return options_.max_message_bytes; }
  const std::string& path() const { return db_.path(); }

  Result<std::vector<Status>> Send(std::span<const std::string> bodies) override;
  Result<std::vector<ReceivedMessage>> Receive(size_t max, std::chrono::seconds lease,
                                               std::chrono::milliseconds wait) override;
  Status ExtendLease(const std::string& receipt, std::chrono::seconds lease) override;
  Status Release(const std::string& receipt) override;
  Result<std::vector<Status>> Acknowledge(std::span<const std::string> receipts) override;
  Result<QueueDepth> Depth() override;
  Status Purge() override;

 private:
  LocalQueue(const LocalQueueOptions& options, const std::string& name);
  Status Prepare();

  // The helpers below expect mutex_ held.
  Result<std::vector<ReceivedMessage>> TakeVisible(size_t max, std::chrono::seconds lease);
  Result<bool> AnyVisible();
  // Runs `stmt` (an UPDATE with ?1 = visible_at, ?2 = id, ?3 = token) for `receipt`.
  Status UpdateDelivery(sqlite::Statement& stmt, const std::string& receipt, int64_t visible_at);
  Status StaleReceipt(const std::string& receipt) const;
  int64_t NewToken();

  const std::string name_;
  const LocalQueueOptions options_;
  std::mutex mutex_;
  std::mt19937_64 random_;
  // db_ before the statements: they are finalised first.
  sqlite::Database db_;
  sqlite::Statement insert_;
  sqlite::Statement select_visible_;
  sqlite::Statement any_visible_;
  sqlite::Statement lease_;
  sqlite::Statement extend_;
  sqlite::Statement release_;
  sqlite::Statement delete_;
  sqlite::Statement depth_;
  sqlite::Statement purge_;
};

/// The queues of one directory, one SQLite file each.
class LocalQueueService final : public QueueService {
 public:
  /// Touches no file: errors (e.g. an empty directory option) come from the calls.
  explicit LocalQueueService(LocalQueueOptions options);

  /// NotFound naming the queue and the directory when `<directory>/<name>.queue.db` is
  /// missing (or the directory itself is).
  Result<std::unique_ptr<TaskQueue>> Open(const std::string& name) override;
  /// Creates the directory (0700) and the queue file (0600) when missing; safe to call
  /// from several processes at once.
  Result<std::unique_ptr<TaskQueue>> CreateIfMissing(const std::string& name) override;
  Result<bool> Exists(const std::string& name) override;
  /// Removes the queue file and its -wal/-shm companions; NotFound when missing. Objects
  /// still open on the queue keep working on the unlinked file: what they send is lost.
  Status Delete(const std::string& name) override;

  const LocalQueueOptions& options() const { return options_; }

 private:
  Status CheckName(const std::string& name) const;

  LocalQueueOptions options_;
};

}  // namespace cloud_tasks::queue
