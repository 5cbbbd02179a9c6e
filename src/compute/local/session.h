#pragma once
/// Processes of a local instance. An instance is one session (setsid) whose leader is
/// the startup script's bash; every process it starts stays in that session unless it
/// calls setsid itself, including task processes in their own process groups. So the
/// session, not one process group, is what is checked for life and what gets killed.
///
/// Pid reuse: the kernel does not hand out a pid that is still some process's session
/// or group id, so while any member of the session exists the leader's pid cannot name
/// an unrelated process. A leader pid that exists with a different start time therefore
/// means the session is empty and the pid was reused.

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cloud_tasks::compute::local {

/// The fields of /proc/<pid>/stat this backend needs.
struct ProcStat {
  char state = '?';         ///< field 3: R, S, D, Z (zombie), X (dead), ...
  pid_t pgrp = 0;           ///< field 5
  pid_t session = 0;        ///< field 6
  uint64_t start_time = 0;  ///< field 22, clock ticks since boot
};

/// The stat fields of `pid`, or nullopt when there is no such process.
std::optional<ProcStat> ReadProcStat(pid_t pid);

/// Parses the text of a /proc/<pid>/stat file (the command name may hold spaces and
/// parentheses); nullopt when malformed.
std::optional<ProcStat> ParseProcStat(const std::string& text);

/// True for a zombie or dead process (it no longer runs anything).
bool IsDeadState(char state);

/// True when `sid` may be signalled: not 0 or 1, not our own session or process group.
bool IsForeignSession(pid_t sid);

/// Running (non-zombie) processes of session `sid` that started at or after
/// `min_start_time`; never this process. Empty when `sid` is not foreign.
std::vector<pid_t> SessionMembers(pid_t sid, uint64_t min_start_time);

/// The running processes of the instance whose leader is `leader` (started at
/// `start_time`): its session's members, or none when `leader` now names a process
/// with another start time (the pid was reused, so the session is empty).
std::vector<pid_t> InstanceMembers(pid_t leader, uint64_t start_time);

/// True when InstanceMembers is not empty (fast path: the leader itself runs).
bool InstanceProcessesAlive(pid_t leader, uint64_t start_time);

/// Sends `sig` to every member of the instance; returns how many were signalled.
int SignalInstance(pid_t leader, uint64_t start_time, int sig);

}  // namespace cloud_tasks::compute::local
