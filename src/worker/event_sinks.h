#pragma once
/// Event destinations besides the local log file (events.h): the job's event queue, and
/// a tee that writes to several sinks (WRK-80: both may be on).

#include <chrono>
#include <memory>
#include <vector>

#include "queue/task_queue.h"
#include "worker/events.h"

namespace cloud_tasks::worker {

/// Publishes each event as one compact JSON message. A failed send is tried again
/// (`attempts` in all, with a growing pause) before the error is returned, so a brief
/// queue outage does not cost an event.
class QueueEventSink : public EventSink {
 public:
  QueueEventSink(std::unique_ptr<queue::TaskQueue> queue, int attempts = 3,
                 std::chrono::milliseconds first_pause = std::chrono::milliseconds(200))
      : queue_(std::move(queue)), attempts_(attempts), first_pause_(first_pause) {}
  Status Emit(const Json& event) override;

 private:
  std::unique_ptr<queue::TaskQueue> queue_;
  int attempts_;
  std::chrono::milliseconds first_pause_;
};

/// Emits to every sink (all are tried); the first error is returned.
class TeeEventSink : public EventSink {
 public:
  explicit TeeEventSink(std::vector<std::unique_ptr<EventSink>> sinks) : sinks_(std::move(sinks)) {}
  Status Emit(const Json& event) override;

 private:
  std::vector<std::unique_ptr<EventSink>> sinks_;
};

/// Accepts and drops every event (no destination configured).
class DiscardEventSink : public EventSink {
 public:
  Status Emit(const Json&) override { return OkStatus(); }
};

}  // namespace cloud_tasks::worker
