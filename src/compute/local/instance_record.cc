#include "compute/local/instance_record.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "core/files.h"
#include "core/json.h"

namespace cloud_tasks::compute::local {
namespace {

constexpr const char* kRecordFile = "instance.json";

Status MakeDir(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) == 0)
    return ::chmod(path.c_str(), 0700) == 0 ? OkStatus() : ErrnoError("chmod '" + path + "'", errno);
  if (errno == EEXIST) return AlreadyExistsError("'" + path + "' already exists");
  return ErrnoError("cannot create directory '" + path + "'", errno);
}

Status EnsureDir(const std::string& path) {
  Status s = MakeDir(path);
  if (s.code() == ErrorCode::kAlreadyExists) return OkStatus();
  return s;
}

Json ToJson(const InstanceRecord& r) {
  Json j;
  j["id"] = r.id;
  j["job_id"] = r.job_id;
  j["instance_type"] = r.instance_type;
  j["zone"] = r.zone;
  j["spot"] = r.spot;
  j["created"] = FormatIsoUtc(r.created);
  j["pid"] = r.pid;
  j["start_time"] = r.start_time;
  j["terminated"] = r.terminated;
  if (r.terminated_at) j["terminated_at"] = FormatIsoUtc(*r.terminated_at);
  j["preempted"] = r.preempted;
  if (r.preempt_at) j["preempt_at"] = FormatIsoUtc(*r.preempt_at);
  return j;
}

std::optional<SystemTime> OptionalTime(const Json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  auto t = ParseIsoTime(j[key].get<std::string>());
  if (!t.ok()) return std::nullopt;
  return *t;
}

Result<InstanceRecord> FromJson(const Json& j, const std::string& path) {
  try {
    InstanceRecord r;
    r.id = j.at("id").get<std::string>();
    r.job_id = j.value("job_id", "");
    r.instance_type = j.value("instance_type", "");
    r.zone = j.value("zone", "");
    r.spot = j.value("spot", false);
    r.created = OptionalTime(j, "created").value_or(SystemTime{});
    r.pid = j.value("pid", 0);
    r.start_time = j.value("start_time", uint64_t{0});
    r.terminated = j.value("terminated", false);
    r.terminated_at = OptionalTime(j, "terminated_at");
    r.preempted = j.value("preempted", false);
    r.preempt_at = OptionalTime(j, "preempt_at");
    return r;
  } catch (const std::exception& e) {
    return InvalidArgumentError("malformed instance record '" + path + "': " + e.what());
  }
}

}  // namespace

InstanceStore::InstanceStore(std::string state_dir) : state_dir_(std::move(state_dir)) {}

Status InstanceStore::EnsureLayout() const {
  CT_RETURN_IF_ERROR(EnsureDir(state_dir_));
  return EnsureDir(state_dir_ + "/instances");
}

std::string InstanceStore::InstanceDir(const std::string& id) const {
  return state_dir_ + "/instances/" + id;
}

Status InstanceStore::CreateInstanceDir(const std::string& id) const { return MakeDir(InstanceDir(id)); }

Status InstanceStore::Save(const InstanceRecord& record) const {
  return WriteFileAtomic(InstanceDir(record.id) + "/" + kRecordFile, ToJson(record).dump(2) + "\n", 0600);
}

Result<InstanceRecord> InstanceStore::Load(const std::string& id) const {
  if (id.empty() || id.find('/') != std::string::npos || id == "." || id == "..") {
    return NotFoundError("no local instance '" + id + "'");
  }
  std::string path = InstanceDir(id) + "/" + kRecordFile;
  if (!FileExists(path)) return NotFoundError("no local instance '" + id + "' (no " + path + ")");
  CT_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return InvalidArgumentError("malformed instance record '" + path + "'");
  return FromJson(j, path);
}

Result<std::vector<InstanceRecord>> InstanceStore::LoadAll() const {
  std::string dir_path = state_dir_ + "/instances";
  DIR* dir = ::opendir(dir_path.c_str());
  if (dir == nullptr) return ErrnoError("cannot list local instances in '" + dir_path + "'", errno);
  std::vector<std::string> ids;
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") ids.push_back(name);
  }
  ::closedir(dir);
  std::sort(ids.begin(), ids.end());
  std::vector<InstanceRecord> records;
  for (const auto& id : ids) {
    auto record = Load(id);
    if (record.ok()) records.push_back(std::move(*record));
  }
  return records;
}

}  // namespace cloud_tasks::compute::local
