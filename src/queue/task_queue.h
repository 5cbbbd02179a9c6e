#pragma once
/// The queue abstraction shared by the task queue and the event queue of a job.
///
/// Delivery is at least once: a received message is leased (invisible to other receivers)
/// until it is acknowledged, released, or its lease expires, after which it is delivered
/// again. Bodies are opaque text (JSON in practice). Backends: LocalQueue (SQLite file,
/// many processes), InMemoryQueue (tests), later SQS and Pub/Sub. Every backend passes
/// tests/conformance/queue/ (queue_conformance_test.cc, queue_concurrency_test.cc).

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::queue {

/// A message handed to a receiver.
struct ReceivedMessage {
  std::string body;
  /// Opaque token naming this delivery; needed to acknowledge, release or extend. A
  /// receipt of an earlier delivery (whose lease expired) no longer works.
  std::string receipt;
  int64_t receive_count = 1;  ///< 1 on the first delivery
};

/// Messages by state.
struct QueueDepth {
  int64_t visible = 0;    ///< ready to be received
  int64_t in_flight = 0;  ///< leased and not yet acknowledged
};

class TaskQueue {
 public:
  virtual ~TaskQueue() = default;

  /// The queue's name.
  virtual const std::string& name() const = 0;

  /// Largest body accepted, in bytes.
  virtual size_t max_message_bytes() const = 0;

  /// Sends `bodies`; one Status per body, in order (a batch may fail in part, as SQS
  /// batches do). An over-size body fails with InvalidArgument naming its size and the
  /// limit; the others are still sent. The outer Result fails only when nothing could be
  /// attempted (queue gone, I/O error).
  virtual Result<std::vector<Status>> Send(std::span<const std::string> bodies) = 0;

  /// Up to `max` messages, each leased for `lease`. Waits up to `wait` for at least one
  /// message when none is visible (long polling); returns an empty vector when the wait
  /// ends with nothing.
  virtual Result<std::vector<ReceivedMessage>> Receive(size_t max, std::chrono::seconds lease,
                                                       std::chrono::milliseconds wait) = 0;

  /// The lease of a received message now ends `lease` from now. NotFound when the
  /// receipt is stale (the message was acknowledged or redelivered since).
  virtual Status ExtendLease(const std::string& receipt, std::chrono::seconds lease) = 0;

  /// The message becomes visible again at once (a retry). NotFound when stale.
  virtual Status Release(const std::string& receipt) = 0;

  /// Deletes acknowledged messages; one Status per receipt (NotFound when stale).
  virtual Result<std::vector<Status>> Acknowledge(std::span<const std::string> receipts) = 0;

  /// Approximate counts (exact for the local backends).
  virtual Result<QueueDepth> Depth() = 0;

  /// Deletes every message, visible or in flight.
  virtual Status Purge() = 0;
};

/// Creates, opens and deletes queues of one backend (one region / project / directory).
class QueueService {
 public:
  virtual ~QueueService() = default;
  /// An existing queue; NotFound (naming the queue) when it does not exist. Workers use
  /// only this: they never create queues (BUG-WRK-07).
  virtual Result<std::unique_ptr<TaskQueue>> Open(const std::string& name) = 0;
  /// Opens the queue, creating it first when missing (the manager and load_queue).
  virtual Result<std::unique_ptr<TaskQueue>> CreateIfMissing(const std::string& name) = 0;
  virtual Result<bool> Exists(const std::string& name) = 0;
  /// Deletes the queue and its messages; NotFound when it does not exist.
  virtual Status Delete(const std::string& name) = 0;
};

/// OK when `name` is a valid queue name for every backend: 1-80 characters, ASCII
/// letters, digits, '-' and '_' (the SQS rule; Pub/Sub topic names accept all of them).
/// Otherwise InvalidArgument saying which character or length is wrong.
Status ValidateQueueName(std::string_view name);

}  // namespace cloud_tasks::queue
