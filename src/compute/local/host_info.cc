#include "compute/local/host_info.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/strings.h"

namespace cloud_tasks::compute::local {
namespace {

// The value after "<key>:" on the first line of `path` that starts with `key`.
std::string ColonValue(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!StartsWith(line, key)) continue;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    return std::string(Trim(std::string_view(line).substr(colon + 1)));
  }
  return "";
}

double MemTotalGb() {
  std::string value = ColonValue("/proc/meminfo", "MemTotal");  // "24684096 kB"
  if (value.empty()) return 0;
  double kib = std::strtod(value.c_str(), nullptr);
  return std::round(kib / (1024.0 * 1024.0) * 100.0) / 100.0;
}

}  // namespace

std::string NormalizeArchitecture(const std::string& machine) {
  std::string m = ToLower(machine);
  if (m == "x86_64" || m == "amd64") return "X86_64";
  if (m == "aarch64" || m == "arm64") return "ARM64";
  return ToUpper(machine);
}

std::string OsReleaseValue(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!StartsWith(line, key + "=")) continue;
    std::string value(Trim(std::string_view(line).substr(key.size() + 1)));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return "";
}

HostInfo ReadHostInfo() {
  HostInfo info;
  long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
  if (cpus > 0) info.vcpu = static_cast<int>(cpus);
  info.mem_gb = MemTotalGb();
  utsname u;
  if (::uname(&u) == 0) info.architecture = NormalizeArchitecture(u.machine);
  info.cpu_model = ColonValue("/proc/cpuinfo", "model name");
  std::ifstream in("/etc/os-release");
  std::ostringstream text;
  text << in.rdbuf();
  info.os_name = OsReleaseValue(text.str(), "PRETTY_NAME");
  info.os_id = OsReleaseValue(text.str(), "ID");
  info.os_version = OsReleaseValue(text.str(), "VERSION_ID");
  if (info.os_name.empty()) info.os_name = "Linux";
  return info;
}

}  // namespace cloud_tasks::compute::local
