#include "jobdb/dump.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "core/files.h"
#include "core/json.h"
#include "core/logging.h"

namespace cloud_tasks::jobdb {
namespace {

// Buffered writer over a file descriptor created with mode 0600.
class DumpWriter {
 public:
  DumpWriter(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {}
  DumpWriter(const DumpWriter&) = delete;
  DumpWriter& operator=(const DumpWriter&) = delete;
  ~DumpWriter() {
    if (file_ != nullptr) std::fclose(file_);
  }

  static Result<std::unique_ptr<DumpWriter>> Create(const std::string& path) {
    CT_ASSIGN_OR_RETURN(int fd, CreateFileWithMode(path, 0600, /*truncate=*/true));
    std::FILE* file = ::fdopen(fd, "w");
    if (file == nullptr) {
      int err = errno;
      ::close(fd);
      return ErrnoError("cannot open '" + path + "' for writing", err);
    }
    return std::make_unique<DumpWriter>(file, path);
  }

  Status Write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
      return ErrnoError("cannot write '" + path_ + "'", errno);
    }
    return OkStatus();
  }

  Status Close() {
    int rc = std::fclose(file_);
    file_ = nullptr;
    if (rc != 0) return ErrnoError("cannot write '" + path_ + "'", errno);
    return OkStatus();
  }

 private:
  std::FILE* file_;
  std::string path_;
};

// One array element in the layout of json.dump(indent=2): the object's own lines
// indented by two more spaces.
std::string FormatElement(std::string_view task_id, std::string_view data_json, int64_t& invalid_data) {
  Json data = Json::parse(data_json, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) {
    ++invalid_data;
    LogWarning("Task '{}' has data that is not valid JSON; dumping it as a string", task_id);
    data = std::string(data_json);
  }
  Json element = Json::object();
  element["task_id"] = task_id;
  element["data"] = std::move(data);
  std::string text = element.dump(2, ' ', false, Json::error_handler_t::replace);
  std::string out = "  ";
  out.reserve(text.size() + 64);
  for (char c : text) {
    out += c;
    if (c == '\n') out += "  ";  // JSON strings escape newlines, so these are all structural
  }
  return out;
}

Result<int64_t> DumpOneStatus(JobStore& store, std::string_view status, const std::string& path,
                              int64_t& invalid_data) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  CT_ASSIGN_OR_RETURN(auto writer, DumpWriter::Create(tmp));
  int64_t count = 0;
  Status status_of_scan =
      store.ForEachTaskWithStatus(status, [&](std::string_view id, std::string_view data) {
        CT_RETURN_IF_ERROR(writer->Write(count == 0 ? "[\n" : ",\n"));
        ++count;
        return writer->Write(FormatElement(id, data, invalid_data));
      });
  Status closed = status_of_scan.ok() ? writer->Write(count == 0 ? "[]\n" : "\n]\n") : status_of_scan;
  if (closed.ok()) closed = writer->Close();
  if (closed.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    closed = ErrnoError("cannot rename '" + tmp + "' to '" + path + "'", errno);
  }
  if (!closed.ok()) {
    ::unlink(tmp.c_str());
    return closed;
  }
  return count;
}

}  // namespace

std::string DumpFileName(std::string_view job_id, std::string_view status) {
  std::string safe(status);
  for (char& c : safe) {
    if (c == '/' || c == '\\') c = '_';
  }
  return std::string(job_id) + "_" + safe + ".json";
}

Result<DumpResult> DumpTasksByStatus(JobStore& store, const DumpOptions& options) {
  if (options.job_id.empty()) return InvalidArgumentError("dump of tasks by status needs a job id");
  CT_ASSIGN_OR_RETURN(auto counts, store.CountsByStatus());
  DumpResult result;
  std::string dir = options.directory.empty() ? "." : options.directory;
  if (dir.back() != '/') dir += '/';
  for (const auto& [status, expected] : counts) {
    if (expected == 0) continue;
    std::string path = dir + DumpFileName(options.job_id, status);
    CT_ASSIGN_OR_RETURN(int64_t count, DumpOneStatus(store, status, path, result.invalid_data));
    LogInfo("Dumped {} tasks with status '{}' to {}", count, status, path);
    result.files.push_back({status, std::move(path), count});
  }
  return result;
}

}  // namespace cloud_tasks::jobdb
