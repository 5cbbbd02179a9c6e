// LocalProvider::CreateInstance: the instance directory, its files, and the detached launch.

#include <unistd.h>

#include <cstdio>

#include "compute/local/detached_launch.h"
#include "compute/local/local_provider.h"
#include "core/files.h"

extern char** environ;

namespace cloud_tasks::compute::local {
namespace {

constexpr const char* kIdVar = "RMS_CLOUD_TASKS_LOCAL_INSTANCE_ID";
constexpr const char* kDirVar = "RMS_CLOUD_TASKS_LOCAL_INSTANCE_DIR";

// Job ids become part of a directory name: keep [A-Za-z0-9._-], replace the rest.
std::string IdPart(const std::string& job_id) {
  if (job_id.empty()) return "x";
  std::string out;
  for (char c : job_id.substr(0, 64)) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    out += ok ? c : '_';
  }
  return out;
}

Status CheckSpec(const InstanceSpec& spec) {
  if (spec.instance_type != LocalProvider::kTypeName) {
    return InvalidArgumentError("the local provider has one instance type, 'local'; got '" +
                                spec.instance_type + "'");
  }
  if (!spec.zone.empty() && spec.zone != LocalProvider::kZone) {
    return InvalidArgumentError("the local provider has one zone, 'local'; got '" + spec.zone + "'");
  }
  return OkStatus();
}

}  // namespace

Result<std::string> LocalProvider::NewInstanceDir(const std::string& job_id) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%08llx", static_cast<unsigned long long>(rng_() & 0xffffffffULL));
    std::string id = "local-" + IdPart(job_id) + "-" + hex;
    Status s = store_.CreateInstanceDir(id);  // mkdir is the uniqueness check, across processes too
    if (s.ok()) return id;
    if (s.code() != ErrorCode::kAlreadyExists) return s;
  }
  return InternalError("cannot find an unused local instance id");
}

std::vector<std::string> LocalProvider::InstanceEnvironment(const std::string& id) const {
  std::vector<std::string> env;
  std::string id_prefix = std::string(kIdVar) + "=";
  std::string dir_prefix = std::string(kDirVar) + "=";
  for (char** e = environ; e && *e; ++e) {
    std::string_view v(*e);
    if (v.substr(0, id_prefix.size()) == id_prefix || v.substr(0, dir_prefix.size()) == dir_prefix) continue;
    env.emplace_back(v);
  }
  env.push_back(id_prefix + id);
  env.push_back(dir_prefix + InstanceDir(id));
  return env;
}

Result<Instance> LocalProvider::CreateInstance(const InstanceSpec& spec) {
  CT_RETURN_IF_ERROR(CheckSpec(spec));
  std::lock_guard lock(create_mu_);
  CT_ASSIGN_OR_RETURN(std::string id, NewInstanceDir(spec.job_id));
  std::string dir = InstanceDir(id);
  std::string script = dir + "/startup.sh";
  CT_RETURN_IF_ERROR(WriteFileAtomic(script, spec.startup_script, 0700));
  CT_ASSIGN_OR_RETURN(int log_fd, CreateFileWithMode(dir + "/instance.log", 0600, /*truncate=*/false));

  InstanceRecord record;
  record.id = id;
  record.job_id = spec.job_id;
  record.instance_type = spec.instance_type;
  record.zone = kZone;
  record.spot = spec.spot;
  record.created = Now();
  DetachedLaunch launch{.program = options_.shell,
                        .argv = {options_.shell, script},
                        .env = InstanceEnvironment(id),
                        .cwd = dir,
                        .output_fd = log_fd};
  bool saved = false;
  auto launched = LaunchDetached(launch, [&](const LaunchedProcess& p) {
    record.pid = p.pid;
    record.start_time = p.start_time;
    std::lock_guard record_lock(record_mu_);
    Status s = store_.Save(record);
    saved = s.ok();
    return s;
  });
  ::close(log_fd);
  if (!launched.ok()) {
    if (saved) MarkTerminated(id).IgnoreError();
    return launched.status().WithContext("cannot start local instance '" + id + "'");
  }
  return ToInstance(record, /*alive=*/true);
}

}  // namespace cloud_tasks::compute::local
