#pragma once
/// What this machine is, for the local provider's single instance type and image:
/// online CPUs, memory (/proc/meminfo), architecture (uname), CPU model (/proc/cpuinfo)
/// and operating system (/etc/os-release).

#include <string>

namespace cloud_tasks::compute::local {

struct HostInfo {
  int vcpu = 1;
  double mem_gb = 0;         ///< MemTotal in GiB, rounded to 0.01
  std::string architecture;  ///< "X86_64", "ARM64", or uname's machine upper-cased
  std::string cpu_model;     ///< /proc/cpuinfo "model name"; "" when absent (e.g. ARM)
  std::string os_name;       ///< PRETTY_NAME, e.g. "Debian GNU/Linux 12 (bookworm)"
  std::string os_id;         ///< ID, e.g. "debian"
  std::string os_version;    ///< VERSION_ID, e.g. "12"
};

/// Reads the host's description; missing sources leave defaults, never fail.
HostInfo ReadHostInfo();

/// "X86_64" for x86_64/amd64, "ARM64" for aarch64/arm64, else `machine` upper-cased.
std::string NormalizeArchitecture(const std::string& machine);

/// The value of `key` in /etc/os-release-style text (quotes removed); "" when absent.
std::string OsReleaseValue(const std::string& text, const std::string& key);

}  // namespace cloud_tasks::compute::local
