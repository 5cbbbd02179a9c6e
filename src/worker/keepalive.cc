#include "worker/keepalive.h"

#include "core/logging.h"

namespace cloud_tasks::worker {

void KeepAliveSender::Tick() {
  Clock::time_point now = now_();
  if (last_ && now - *last_ < interval_) return;
  last_ = now;  // also after a failure: the next try is one interval later
  Json event = MakeEvent(hostname_, event_type::kKeepAlive);
  event["instance_id"] = instance_id_();
  Status st = sink_.Emit(event);
  if (st.ok()) {
    ++sent_;
  } else {
    LogWarning("Cannot send keep-alive: {}", st.message());
  }
}

}  // namespace cloud_tasks::worker
