#pragma once
/// Keep-alive events (WRK-60..62): one at start, then one every interval, to the event
/// queue only (never to the local event file). They carry `instance_id`, the provider's
/// name for this machine, which the manager uses to tell silent instances.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "worker/events.h"
#include "worker/instance_identity.h"

namespace cloud_tasks::worker {

class KeepAliveSender {
 public:
  using Clock = std::chrono::steady_clock;
  /// `interval` must be > 0 (0 disables keep-alives: do not create a sender).
  KeepAliveSender(EventSink& queue_sink, std::function<std::string()> instance_id, std::string hostname,
                  std::chrono::duration<double> interval,
                  std::function<Clock::time_point()> now = &Clock::now)
      : sink_(queue_sink),
        instance_id_(std::move(instance_id)),
        hostname_(std::move(hostname)),
        interval_(std::chrono::duration_cast<Clock::duration>(interval)),
        now_(std::move(now)) {}

  /// Sends a keep-alive when one is due. A failed send is logged and tried again at
  /// the next interval.
  void Tick();

  int64_t sent() const { return sent_; }

 private:
  EventSink& sink_;
  std::function<std::string()> instance_id_;
  std::string hostname_;
  Clock::duration interval_;
  std::function<Clock::time_point()> now_;
  std::optional<Clock::time_point> last_;
  int64_t sent_ = 0;
};

}  // namespace cloud_tasks::worker
