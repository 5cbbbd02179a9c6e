#include "queue/local/local_queue.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "core/files.h"
#include "queue/local/local_queue_file.h"
#include "queue/queue_checks.h"
#include "queue/receipt.h"

namespace cloud_tasks::queue {
namespace {

// Wall-clock milliseconds: visible_at must mean the same in every process and survive a
// reboot, which steady_clock does not.
int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t ToMs(std::chrono::seconds lease) { return lease.count() * 1000; }

// Resets a statement when leaving a scope, whatever the path.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite::Statement& stmt) : stmt_(stmt) {}
  ~ResetOnExit() { stmt_.Reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite::Statement& stmt_;
};

}  // namespace

LocalQueue::LocalQueue(const LocalQueueOptions& options, const std::string& name)
    : name_(name), options_(options), random_(std::random_device{}()) {}

LocalQueue::~LocalQueue() = default;

Result<std::unique_ptr<LocalQueue>> LocalQueue::Open(const LocalQueueOptions& options,
                                                     const std::string& name) {
  std::string path = local::QueueFilePath(options.directory, name);
  if (!FileExists(path)) {
    return NotFoundError(fmt::format("queue '{}' does not exist in directory '{}' (no file '{}.queue.db')",
                                     name, options.directory, name));
  }
  std::unique_ptr<LocalQueue> queue(new LocalQueue(options, name));
  CT_ASSIGN_OR_RETURN(queue->db_,
                      local::OpenQueueDatabase(path, options.busy_timeout, options.sync_every_commit));
  CT_RETURN_IF_ERROR(queue->Prepare());
  return queue;
}

Status LocalQueue::Prepare() {
  struct {
    sqlite::Statement* stmt;
    const char* sql;
  } const statements[] = {
      {&insert_, "INSERT INTO messages(body, visible_at) VALUES(?1, ?2)"},
      // Uses messages_by_visible_at for both the filter and the order (the index holds id).
      {&select_visible_,
       "SELECT id, body, receive_count FROM messages WHERE visible_at <= ?1 ORDER BY visible_at, id "
       "LIMIT ?2"},
      {&any_visible_, "SELECT 1 FROM messages WHERE visible_at <= ?1 LIMIT 1"},
      {&lease_,
       "UPDATE messages SET visible_at = ?1, lease = ?2, receive_count = receive_count + 1 WHERE id = ?3"},
      {&extend_, "UPDATE messages SET visible_at = ?1 WHERE id = ?2 AND lease = ?3"},
      {&release_, "UPDATE messages SET visible_at = ?1, lease = NULL WHERE id = ?2 AND lease = ?3"},
      {&delete_, "DELETE FROM messages WHERE id = ?1 AND lease = ?2"},
      {&depth_,
       "SELECT (SELECT count(*) FROM messages WHERE visible_at <= ?1), "
       "(SELECT count(*) FROM messages WHERE visible_at > ?1)"},
      {&purge_, "DELETE FROM messages"},
  };
  for (const auto& [stmt, sql] : statements) {
    CT_ASSIGN_OR_RETURN(*stmt, sqlite::Statement::Prepare(db_, sql));
  }
  return OkStatus();
}

int64_t LocalQueue::NewToken() {
  auto token = static_cast<int64_t>(random_() & static_cast<uint64_t>(INT64_MAX));
  return token == 0 ? 1 : token;
}

Status LocalQueue::StaleReceipt(const std::string& receipt) const {
  return NotFoundError(fmt::format(
      "receipt '{}' of queue '{}' is stale: the message was acknowledged, released or delivered again",
      receipt, name_));
}

Result<std::vector<Status>> LocalQueue::Send(std::span<const std::string> bodies) {
  std::vector<Status> results;
  results.reserve(bodies.size());
  bool any_valid = false;
  for (const std::string& body : bodies) {
    results.push_back(CheckMessageBody(body, options_.max_message_bytes));
    any_valid = any_valid || results.back().ok();
  }
  if (!any_valid) return results;
  std::lock_guard lock(mutex_);
  CT_ASSIGN_OR_RETURN(sqlite::Transaction txn, sqlite::Transaction::Begin(db_, /*immediate=*/true));
  int64_t now = NowMs();
  for (size_t i = 0; i < bodies.size(); ++i) {
    if (!results[i].ok()) continue;
    insert_.BindTextStatic(1, bodies[i]);
    insert_.BindInt(2, now);
    CT_RETURN_IF_ERROR(insert_.Run());
  }
  CT_RETURN_IF_ERROR(txn.Commit());
  return results;
}

Result<std::vector<ReceivedMessage>> LocalQueue::TakeVisible(size_t max, std::chrono::seconds lease) {
  CT_ASSIGN_OR_RETURN(sqlite::Transaction txn, sqlite::Transaction::Begin(db_, /*immediate=*/true));
  int64_t now = NowMs();  // read once the write lock is ours
  std::vector<std::pair<int64_t, ReceivedMessage>> rows;
  {
    ResetOnExit reset(select_visible_);
    select_visible_.BindInt(1, now);
    select_visible_.BindInt(2, static_cast<int64_t>(max));
    while (true) {
      CT_ASSIGN_OR_RETURN(bool row, select_visible_.Step());
      if (!row) break;
      rows.push_back({select_visible_.ColumnInt(0),
                      {.body = std::string(select_visible_.ColumnText(1)),
                       .receipt = {},
                       .receive_count = select_visible_.ColumnInt(2) + 1}});
    }
  }
  if (rows.empty()) return std::vector<ReceivedMessage>();  // txn rolls back: nothing written
  std::vector<ReceivedMessage> received;
  received.reserve(rows.size());
  for (auto& [id, message] : rows) {
    int64_t token = NewToken();
    lease_.BindInt(1, now + ToMs(lease));
    lease_.BindInt(2, token);
    lease_.BindInt(3, id);
    CT_RETURN_IF_ERROR(lease_.Run());
    message.receipt = FormatReceipt({.id = id, .token = token});
    received.push_back(std::move(message));
  }
  CT_RETURN_IF_ERROR(txn.Commit());
  return received;
}

Result<bool> LocalQueue::AnyVisible() {
  ResetOnExit reset(any_visible_);
  any_visible_.BindInt(1, NowMs());
  return any_visible_.Step();
}

Result<std::vector<ReceivedMessage>> LocalQueue::Receive(size_t max, std::chrono::seconds lease,
                                                         std::chrono::milliseconds wait) {
  CT_RETURN_IF_ERROR(CheckReceiveArguments(max, lease));
  const auto deadline = std::chrono::steady_clock::now() + std::max(wait, std::chrono::milliseconds(0));
  auto interval = options_.min_poll_interval;
  for (bool first = true;; first = false) {
    {
      std::lock_guard lock(mutex_);
      // Polls look first with a read, which does not take the write lock from busy peers.
      bool look = first;
      if (!first) {
        CT_ASSIGN_OR_RETURN(look, AnyVisible());
      }
      if (look) {
        CT_ASSIGN_OR_RETURN(std::vector<ReceivedMessage> received, TakeVisible(max, lease));
        if (!received.empty()) return received;
      }
    }
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return std::vector<ReceivedMessage>();
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(interval, deadline - now));
    interval = std::min(interval * 2, options_.max_poll_interval);
  }
}

Status LocalQueue::UpdateDelivery(sqlite::Statement& stmt, const std::string& receipt, int64_t visible_at) {
  CT_ASSIGN_OR_RETURN(Receipt parsed, ParseReceipt(receipt));
  std::lock_guard lock(mutex_);
  stmt.BindInt(1, visible_at);
  stmt.BindInt(2, parsed.id);
  stmt.BindInt(3, parsed.token);
  CT_RETURN_IF_ERROR(stmt.Run());
  return db_.Changes() == 1 ? OkStatus() : StaleReceipt(receipt);
}

Status LocalQueue::ExtendLease(const std::string& receipt, std::chrono::seconds lease) {
  CT_RETURN_IF_ERROR(CheckLease(lease));
  return UpdateDelivery(extend_, receipt, NowMs() + ToMs(lease));
}

Status LocalQueue::Release(const std::string& receipt) { return UpdateDelivery(release_, receipt, NowMs()); }

Result<std::vector<Status>> LocalQueue::Acknowledge(std::span<const std::string> receipts) {
  std::vector<Status> results;
  std::vector<Receipt> parsed(receipts.size());
  results.reserve(receipts.size());
  bool any_valid = false;
  for (size_t i = 0; i < receipts.size(); ++i) {
    Result<Receipt> r = ParseReceipt(receipts[i]);
    if (r.ok()) parsed[i] = *r;
    results.push_back(r.status());
    any_valid = any_valid || r.ok();
  }
  if (!any_valid) return results;
  std::lock_guard lock(mutex_);
  CT_ASSIGN_OR_RETURN(sqlite::Transaction txn, sqlite::Transaction::Begin(db_, /*immediate=*/true));
  for (size_t i = 0; i < receipts.size(); ++i) {
    if (!results[i].ok()) continue;
    delete_.BindInt(1, parsed[i].id);
    delete_.BindInt(2, parsed[i].token);
    CT_RETURN_IF_ERROR(delete_.Run());
    if (db_.Changes() != 1) results[i] = StaleReceipt(receipts[i]);
  }
  CT_RETURN_IF_ERROR(txn.Commit());
  return results;
}

Result<QueueDepth> LocalQueue::Depth() {
  std::lock_guard lock(mutex_);
  ResetOnExit reset(depth_);
  depth_.BindInt(1, NowMs());
  CT_ASSIGN_OR_RETURN(bool row, depth_.Step());
  if (!row) return InternalError("queue depth query returned no row");
  return QueueDepth{.visible = depth_.ColumnInt(0), .in_flight = depth_.ColumnInt(1)};
}

Status LocalQueue::Purge() {
  std::lock_guard lock(mutex_);
  return purge_.Run();
}

}  // namespace cloud_tasks::queue
