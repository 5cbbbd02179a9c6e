#include "worker/event_sinks.h"

#include <thread>

#include "core/logging.h"

namespace cloud_tasks::worker {

Status QueueEventSink::Emit(const Json& event) {
  std::string body = event.dump(-1, ' ', false, Json::error_handler_t::replace);
  Status last;
  std::chrono::milliseconds pause = first_pause_;
  for (int attempt = 1; attempt <= attempts_; ++attempt) {
    Result<std::vector<Status>> sent = queue_->Send(std::span(&body, 1));
    last = !sent.ok()      ? sent.status()
           : sent->empty() ? InternalError("queue returned no send status")
                           : (*sent)[0];
    if (last.ok()) return last;
    if (last.code() == ErrorCode::kInvalidArgument) break;  // e.g. over-size: trying again cannot help
    if (attempt < attempts_) {
      LogWarning("Event queue '{}': send failed ({}); trying again", queue_->name(), last.message());
      std::this_thread::sleep_for(pause);
      pause *= 4;
    }
  }
  return last.WithContext("publishing an event to queue '" + queue_->name() + "'");
}

Status TeeEventSink::Emit(const Json& event) {
  Status first;
  for (auto& sink : sinks_) {
    Status st = sink->Emit(event);
    if (!st.ok() && first.ok()) first = st;
  }
  return first;
}

}  // namespace cloud_tasks::worker
