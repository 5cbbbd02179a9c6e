#pragma once
/// Process-wide logger with the original's line format (CLI-04):
///   `YYYY-MM-DD HH:MM:SS.mmm LEVEL - message` in local time.
/// The library logs through here and never prints to stdout itself.

#include <fmt/format.h>

#include <functional>
#include <string>
#include <string_view>

namespace cloud_tasks {

enum class LogLevel { kDebug = 10, kInfo = 20, kWarning = 30, kError = 40, kCritical = 50 };

const char* LogLevelName(LogLevel level);

/// Maps the CLI `-v` count to a level: 0 → WARNING, 1 → INFO, ≥2 → DEBUG.
LogLevel LevelForVerbosity(int verbosity);

void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
bool LogEnabled(LogLevel level);

/// Replaces where formatted lines go (default: stderr). Returns the previous sink.
using LogSink = std::function<void(LogLevel, const std::string& line)>;
LogSink SetLogSink(LogSink sink);

/// Formats `YYYY-MM-DD HH:MM:SS.mmm LEVEL - message` for the current local time.
std::string FormatLogLine(LogLevel level, std::string_view message);

void LogMessage(LogLevel level, std::string_view message);

template <typename... Args>
void Log(LogLevel level, fmt::format_string<Args...> f, Args&&... args) {
  if (!LogEnabled(level)) return;
  LogMessage(level, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void LogDebug(fmt::format_string<Args...> f, Args&&... args) {
  Log(LogLevel::kDebug, f, std::forward<Args>(args)...);
}
template <typename... Args>
void LogInfo(fmt::format_string<Args...> f, Args&&... args) {
  Log(LogLevel::kInfo, f, std::forward<Args>(args)...);
}
template <typename... Args>
void LogWarning(fmt::format_string<Args...> f, Args&&... args) {
  Log(LogLevel::kWarning, f, std::forward<Args>(args)...);
}
template <typename... Args>
void LogError(fmt::format_string<Args...> f, Args&&... args) {
  Log(LogLevel::kError, f, std::forward<Args>(args)...);
}

}  // namespace cloud_tasks
