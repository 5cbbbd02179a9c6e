#pragma once
/// Worker events (seed inventory 4.9): JSON objects whose first keys are `timestamp`
/// (UTC ISO-8601, `+00:00`), `hostname` and `event_type`, then the type's fields.
/// Sinks: the local event log (JSON lines, flushed per event) and, later, the event queue.

#include <memory>
#include <optional>
#include <string>

#include "core/json.h"
#include "core/status.h"

namespace cloud_tasks::worker {

namespace event_type {
inline constexpr const char* kTaskCompleted = "task_completed";
inline constexpr const char* kTaskException = "task_exception";
inline constexpr const char* kTaskTimedOut = "task_timed_out";
inline constexpr const char* kTaskExited = "task_exited";
inline constexpr const char* kNonFatalException = "non_fatal_exception";
inline constexpr const char* kFatalException = "fatal_exception";
inline constexpr const char* kSpotTermination = "spot_termination";
inline constexpr const char* kKeepAlive = "keep_alive";
}  // namespace event_type

/// `{timestamp, hostname, event_type}` stamped now.
Json MakeEvent(const std::string& hostname, const char* type);

/// A task event: the header plus `task_id`, `retry`, `elapsed_time` (seconds).
Json MakeTaskEvent(const std::string& hostname, const char* type, const std::string& task_id, bool retry,
                   double elapsed_seconds);

/// This machine's host name.
std::string Hostname();

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual Status Emit(const Json& event) = 0;
};

/// Appends one JSON line per event to a file created 0600; each line is written with a
/// single write(2) so concurrent workers appending to one file never interleave lines.
class EventLogFile : public EventSink {
 public:
  static Result<std::unique_ptr<EventLogFile>> Open(const std::string& path);
  ~EventLogFile() override;
  Status Emit(const Json& event) override;

 private:
  EventLogFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace cloud_tasks::worker
