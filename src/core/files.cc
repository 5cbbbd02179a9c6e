#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

namespace cloud_tasks {

bool FileExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Result<std::string> ReadFileToString(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ErrnoError("cannot open '" + path + "'", errno);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError("error reading '" + path + "'");
  return ss.str();
}

Status WriteFileAtomic(const std::string& path, std::string_view contents, int mode) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  CT_ASSIGN_OR_RETURN(int fd, CreateFileWithMode(tmp, mode, true));
  size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return ErrnoError("cannot write '" + tmp + "'", err);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return ErrnoError("cannot write '" + tmp + "'", err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return ErrnoError("cannot rename '" + tmp + "' to '" + path + "'", err);
  }
  return OkStatus();
}

Result<int> CreateFileWithMode(const std::string& path, int mode, bool truncate) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND);
  int fd = ::open(path.c_str(), flags, mode);
  if (fd < 0) return ErrnoError("cannot create '" + path + "'", errno);
  // open() honours the umask and leaves an existing file's mode alone: set it exactly.
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoError("cannot set mode of '" + path + "'", err);
  }
  return fd;
}

}  // namespace cloud_tasks
