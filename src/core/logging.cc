#include "core/logging.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace cloud_tasks {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::kWarning)};
std::mutex g_sink_mutex;

void StderrSink(LogLevel, const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

LogSink& Sink() {
  static LogSink sink = StderrSink;
  return sink;
}

}  // namespace

const char* LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "DEBUG";
    case LogLevel::kInfo:
      return "INFO";
    case LogLevel::kWarning:
      return "WARNING";
    case LogLevel::kError:
      return "ERROR";
    case LogLevel::kCritical:
      return "CRITICAL";
  }
  return "?";
}

LogLevel LevelForVerbosity(int verbosity) {
  if (verbosity <= 0) return LogLevel::kWarning;
  if (verbosity == 1) return LogLevel::kInfo;
  return LogLevel::kDebug;
}

void SetLogLevel(LogLevel level) { g_level = static_cast<int>(level); }
LogLevel GetLogLevel() { return static_cast<LogLevel>(g_level.load()); }
bool LogEnabled(LogLevel level) { return static_cast<int>(level) >= g_level.load(); }

LogSink SetLogSink(LogSink sink) {
  std::lock_guard<std::mutex> lock(g_sink_mutex);
  LogSink old = Sink();
  Sink() = sink ? std::move(sink) : LogSink(StderrSink);
  return old;
}

std::string FormatLogLine(LogLevel level, std::string_view message) {
  using namespace std::chrono;
  auto now = system_clock::now();
  std::time_t secs = system_clock::to_time_t(now);
  int millis = static_cast<int>(duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm local{};
  localtime_r(&secs, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
  return fmt::format("{}.{:03d} {} - {}", stamp, millis, LogLevelName(level), message);
}

void LogMessage(LogLevel level, std::string_view message) {
  std::string line = FormatLogLine(level, message);
  std::lock_guard<std::mutex> lock(g_sink_mutex);
  Sink()(level, line);
}

}  // namespace cloud_tasks
