#include "compute/local/session.h"

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "core/files.h"
#include "core/strings.h"

namespace cloud_tasks::compute::local {

std::optional<ProcStat> ParseProcStat(const std::string& text) {
  size_t close = text.rfind(')');  // the command name is "(...)" and may contain ')'
  if (close == std::string::npos) return std::nullopt;
  std::vector<std::string> fields = SplitAny(std::string_view(text).substr(close + 1), " \n");
  if (fields.size() < 20 || fields[0].size() != 1) return std::nullopt;  // fields 3..22
  ProcStat st;
  st.state = fields[0][0];
  st.pgrp = static_cast<pid_t>(std::strtol(fields[2].c_str(), nullptr, 10));
  st.session = static_cast<pid_t>(std::strtol(fields[3].c_str(), nullptr, 10));
  st.start_time = std::strtoull(fields[19].c_str(), nullptr, 10);
  return st;
}

std::optional<ProcStat> ReadProcStat(pid_t pid) {
  if (pid <= 0) return std::nullopt;
  auto text = ReadFileToString("/proc/" + std::to_string(pid) + "/stat");
  if (!text.ok()) return std::nullopt;
  return ParseProcStat(*text);
}

bool IsDeadState(char state) { return state == 'Z' || state == 'X' || state == 'x'; }

bool IsForeignSession(pid_t sid) { return sid > 1 && sid != ::getsid(0) && sid != ::getpgrp(); }

std::vector<pid_t> SessionMembers(pid_t sid, uint64_t min_start_time) {
  std::vector<pid_t> members;
  if (!IsForeignSession(sid)) return members;
  DIR* dir = ::opendir("/proc");
  if (dir == nullptr) return members;
  pid_t self = ::getpid();
  while (dirent* entry = ::readdir(dir)) {
    char* end = nullptr;
    long pid = std::strtol(entry->d_name, &end, 10);
    if (pid <= 0 || *end != '\0' || pid == self) continue;
    auto st = ReadProcStat(static_cast<pid_t>(pid));
    if (!st || st->session != sid || IsDeadState(st->state) || st->start_time < min_start_time) continue;
    members.push_back(static_cast<pid_t>(pid));
  }
  ::closedir(dir);
  return members;
}

std::vector<pid_t> InstanceMembers(pid_t leader, uint64_t start_time) {
  if (!IsForeignSession(leader)) return {};
  auto st = ReadProcStat(leader);
  if (st && st->start_time != start_time) return {};  // pid reused: the session is empty
  return SessionMembers(leader, start_time);
}

bool InstanceProcessesAlive(pid_t leader, uint64_t start_time) {
  if (!IsForeignSession(leader)) return false;
  auto st = ReadProcStat(leader);
  if (st && st->start_time == start_time && !IsDeadState(st->state)) return true;
  return !InstanceMembers(leader, start_time).empty();
}

int SignalInstance(pid_t leader, uint64_t start_time, int sig) {
  int signalled = 0;
  for (pid_t pid : InstanceMembers(leader, start_time)) {
    if (::kill(pid, sig) == 0) ++signalled;
  }
  return signalled;
}

}  // namespace cloud_tasks::compute::local
