#include "worker/events.h"

#include <unistd.h>

#include <cerrno>

#include "core/files.h"
#include "core/time_util.h"

namespace cloud_tasks::worker {

Json MakeEvent(const std::string& hostname, const char* type) {
  Json e = Json::object();
  e["timestamp"] = FormatIsoUtc(NowUtc());
  e["hostname"] = hostname;
  e["event_type"] = type;
  return e;
}

Json MakeTaskEvent(const std::string& hostname, const char* type, const std::string& task_id, bool retry,
                   double elapsed_seconds) {
  Json e = MakeEvent(hostname, type);
  e["task_id"] = task_id;
  e["retry"] = retry;
  e["elapsed_time"] = elapsed_seconds;
  return e;
}

std::string Hostname() {
  char buf[256] = {0};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

Result<std::unique_ptr<EventLogFile>> EventLogFile::Open(const std::string& path) {
  CT_ASSIGN_OR_RETURN(int fd, CreateFileWithMode(path, 0600, /*truncate=*/false));
  return std::unique_ptr<EventLogFile>(new EventLogFile(fd, path));
}

EventLogFile::~EventLogFile() { ::close(fd_); }

Status EventLogFile::Emit(const Json& event) {
  std::string line = event.dump(-1, ' ', false, Json::error_handler_t::replace);
  line += '\n';
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError("cannot write event log '" + path_ + "'", errno);
    }
    done += static_cast<size_t>(n);
  }
  return OkStatus();
}

}  // namespace cloud_tasks::worker
