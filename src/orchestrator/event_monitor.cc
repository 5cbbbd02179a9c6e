#include "orchestrator/event_monitor.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "core/files.h"
#include "core/logging.h"
#include "core/strings.h"
#include "jobdb/event_apply.h"
#include "jobdb/task_status.h"

namespace cloud_tasks::orchestrator {

Result<std::unique_ptr<EventMonitor>> EventMonitor::Create(queue::TaskQueue* events, jobdb::JobStore* store,
                                                           EventMonitorOptions options) {
  std::unique_ptr<EventMonitor> m(new EventMonitor(events, store, std::move(options)));
  if (!m->options_.output_file.empty()) CT_RETURN_IF_ERROR(m->OpenOutput());
  return m;
}

EventMonitor::~EventMonitor() {
  if (output_) std::fclose(output_);
}

// CLI-27: appended to, created 0600; seeded from the database only when it is new.
Status EventMonitor::OpenOutput() {
  const std::string& path = options_.output_file;
  bool existed = FileExists(path);
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoError("cannot open output file '" + path + "'", errno);
  output_ = ::fdopen(fd, "a");
  if (!output_) {
    int err = errno;
    ::close(fd);
    return ErrnoError("cannot open output file '" + path + "'", err);
  }
  if (existed || !options_.seed_output_file) return OkStatus();
  Status seeded = store_->ForEachRawEvent([&](std::string_view raw) {
    std::fwrite(raw.data(), 1, raw.size(), output_);
    std::fputc('\n', output_);
    return OkStatus();
  });
  if (!seeded.ok())
    LogError("Could not copy stored events into '{}' ({}); it will hold only new events", path,
             seeded.message());
  std::fflush(output_);
  return OkStatus();
}

void EventMonitor::WriteOutput(const std::string& raw) {
  if (!output_) return;
  if (std::fwrite(raw.data(), 1, raw.size(), output_) != raw.size() || std::fputc('\n', output_) == EOF) {
    LogError("Cannot write to output file '{}'; it is closed and events are only recorded in the database",
             options_.output_file);
    std::fclose(output_);
    output_ = nullptr;
  }
}

Result<CycleStats> EventMonitor::Poll(std::chrono::milliseconds wait) {
  CycleStats cycle;
  for (int b = 0; b < options_.max_batches; ++b) {
    CT_ASSIGN_OR_RETURN(auto messages, events_->Receive(options_.batch_size, options_.lease,
                                                        b == 0 ? wait : std::chrono::milliseconds(0)));
    if (messages.empty()) break;
    cycle.received += static_cast<int64_t>(messages.size());
    std::vector<jobdb::ParsedEvent> parsed;
    parsed.reserve(messages.size());
    for (const auto& m : messages) {
      Result<jobdb::ParsedEvent> e = jobdb::ParseEventText(m.body);
      if (!e.ok()) {  // can never become valid: logged in full, then dropped
        ++cycle.malformed;
        LogError("Dropping an event that cannot be read ({}): {}", e.status().message(),
                 Abbreviate(m.body, 2000));
        continue;
      }
      if (e->event_type == jobdb::kEventKeepAlive) {
        ++cycle.keep_alives;
        if (options_.on_keepalive) options_.on_keepalive(e->instance_id.value_or(e->hostname.value_or("")));
        continue;
      }
      parsed.push_back(std::move(*e));
    }
    if (!parsed.empty()) {
      CT_ASSIGN_OR_RETURN(jobdb::ApplyStats stats, store_->ApplyParsedEvents(parsed));
      cycle.applied += stats.applied;
      cycle.became_terminal += stats.became_terminal;
      cycle.became_completed += stats.became_completed;
      cycle.stored += stats.stored();
      cycle.duplicates += stats.duplicates;
      for (size_t i = 0; i < parsed.size() && i < stats.outcomes.size(); ++i) {
        if (stats.outcomes[i] == jobdb::EventOutcome::kDuplicate) continue;
        WriteOutput(parsed[i].raw);
        if (options_.on_event) options_.on_event(parsed[i].raw);
      }
      if (output_) std::fflush(output_);
    }
    // Only now, with everything recorded, are the messages removed (BUG-CLI-09).
    std::vector<std::string> receipts;
    receipts.reserve(messages.size());
    for (auto& m : messages) receipts.push_back(std::move(m.receipt));
    CT_ASSIGN_OR_RETURN(std::vector<Status> acked, events_->Acknowledge(receipts));
    for (const auto& st : acked)
      if (!st.ok())
        LogDebug("Event acknowledgement failed ({}); it will be seen again as a duplicate", st.message());
  }
  return cycle;
}

}  // namespace cloud_tasks::orchestrator
