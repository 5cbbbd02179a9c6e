#include "jobdb/task_status.h"

namespace cloud_tasks::jobdb {

bool IsTerminalStatus(std::string_view status) {
  return status == kStatusCompleted || status == kStatusException || status == kStatusTimedOut ||
         status == kStatusExitedWithoutStatus || status == kStatusFailed;
}

std::string_view StatusForEvent(std::string_view event_type, bool retry) {
  if (event_type == kEventTaskCompleted) return retry ? kStatusCompletedWithRetry : kStatusCompleted;
  if (event_type == kEventTaskException) return retry ? kStatusExceptionWithRetry : kStatusException;
  if (event_type == kEventTaskTimedOut) return retry ? kStatusTimedOutWithRetry : kStatusTimedOut;
  if (event_type == kEventTaskExited) {
    return retry ? kStatusExitedWithoutStatusWithRetry : kStatusExitedWithoutStatus;
  }
  return {};
}

bool IsKnownEventType(std::string_view event_type) {
  return !StatusForEvent(event_type, false).empty() || event_type == kEventNonFatalException ||
         event_type == kEventFatalException || event_type == kEventSpotTermination ||
         event_type == kEventKeepAlive;
}

}  // namespace cloud_tasks::jobdb
