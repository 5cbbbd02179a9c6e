#include "taskfile/byte_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "taskfile/gzip_source.h"
#include "taskfile/input_buffer.h"

namespace cloud_tasks::taskfile {
namespace {

/// A plain file read with read(2) straight into the caller's buffer.
class FileSource : public ByteSource {
 public:
  FileSource(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~FileSource() override { ::close(fd_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  Result<size_t> Read(char* buf, size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return ErrnoError("cannot read task file " + path_, errno);
    }
  }

 private:
  std::string path_;
  int fd_;
};

}  // namespace

Result<int> OpenForReading(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("cannot open task file " + path, errno);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return fd;
}

Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path, bool gzip) {
  CT_ASSIGN_OR_RETURN(int fd, OpenForReading(path));
  if (gzip) return MakeGzipSource(path, fd);
  return std::unique_ptr<ByteSource>(new FileSource(path, fd));
}

Result<std::pair<uint64_t, uint64_t>> LocateOffset(const std::string& path, bool gzip, uint64_t offset) {
  CT_ASSIGN_OR_RETURN(auto source, OpenByteSource(path, gzip));
  LineTracker lines;
  std::vector<char> chunk(size_t{1} << 16);
  while (lines.offset() < offset) {
    uint64_t want = std::min<uint64_t>(chunk.size(), offset - lines.offset());
    CT_ASSIGN_OR_RETURN(size_t got, source->Read(chunk.data(), want));
    if (got == 0) break;
    lines.Advance(chunk.data(), chunk.data() + got);
  }
  TextPosition pos = lines.position();
  return std::make_pair(pos.line, pos.column);
}

Status ReadAllBytes(const std::string& path, bool gzip, std::string& out) {
  CT_ASSIGN_OR_RETURN(auto source, OpenByteSource(path, gzip));
  out.clear();
  char chunk[65536];
  for (;;) {
    CT_ASSIGN_OR_RETURN(size_t got, source->Read(chunk, sizeof chunk));
    if (got == 0) return OkStatus();
    out.append(chunk, got);
  }
}

}  // namespace cloud_tasks::taskfile
