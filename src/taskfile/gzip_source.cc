#include "taskfile/gzip_source.h"

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace cloud_tasks::taskfile {
namespace {

constexpr size_t kCompressedChunk = 256 * 1024;
constexpr int kGzipWindowBits = 15 + 16;  // 32 KB window, gzip header only

class GzipSource : public ByteSource {
 public:
  GzipSource(std::string path, int fd) : path_(std::move(path)), fd_(fd), in_(kCompressedChunk) {
    std::memset(&zs_, 0, sizeof zs_);
  }
  ~GzipSource() override {
    if (initialized_) inflateEnd(&zs_);
    ::close(fd_);
  }
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;

  Status Init() {
    if (inflateInit2(&zs_, kGzipWindowBits) != Z_OK) return InternalError("inflateInit2 failed");
    initialized_ = true;
    return OkStatus();
  }

  Result<size_t> Read(char* buf, size_t n) override {
    const size_t want = std::min<size_t>(n, size_t{1} << 30);  // avail_out is 32-bit
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(want);
    while (zs_.avail_out > 0 && !done_) {
      if (zs_.avail_in == 0) {
        CT_RETURN_IF_ERROR(FillInput());
        if (done_) break;
      }
      CT_RETURN_IF_ERROR(InflateSome());
    }
    return want - zs_.avail_out;
  }

 private:
  // Reads more compressed bytes; at the end of the file decides whether that is a clean
  // end (between members) or truncation.
  Status FillInput() {
    ssize_t got;
    do {
      got = ::read(fd_, in_.data(), in_.size());
    } while (got < 0 && errno == EINTR);
    if (got < 0) return ErrnoError("cannot read task file " + path_, errno);
    if (got == 0) {
      if (in_member_) {
        return InvalidArgumentError(path_ + ": truncated gzip data (unexpected end of file)");
      }
      done_ = true;
      return OkStatus();
    }
    zs_.next_in = in_.data();
    zs_.avail_in = static_cast<uInt>(got);
    return OkStatus();
  }

  Status InflateSome() {
    in_member_ = true;
    int rc = inflate(&zs_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      // Another gzip member may follow (files made by `cat a.gz b.gz`).
      in_member_ = false;
      if (inflateReset(&zs_) != Z_OK) return InternalError("inflateReset failed");
      return OkStatus();
    }
    if (rc == Z_OK || rc == Z_BUF_ERROR) return OkStatus();
    std::string why = zs_.msg != nullptr ? zs_.msg : "error " + std::to_string(rc);
    return InvalidArgumentError(path_ + ": invalid gzip data: " + why);
  }

  std::string path_;
  int fd_;
  z_stream zs_;
  std::vector<Bytef> in_;
  bool initialized_ = false;
  bool in_member_ = false;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> MakeGzipSource(const std::string& path, int fd) {
  auto source = std::make_unique<GzipSource>(path, fd);
  CT_RETURN_IF_ERROR(source->Init());
  return std::unique_ptr<ByteSource>(std::move(source));
}

}  // namespace cloud_tasks::taskfile
