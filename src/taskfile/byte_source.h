#pragma once
/// Where a task file's bytes come from: a plain file or a gzip stream, read in chunks.

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "core/status.h"

namespace cloud_tasks::taskfile {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Reads up to `n` (> 0) bytes into `buf`. Returns the count, 0 only at the end of the
  /// input, or an error naming the file.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

/// Opens `path` for sequential reading. With `gzip`, the content is inflated on the fly
/// (concatenated gzip members are read one after another); corrupt or truncated data is
/// an InvalidArgument error naming the file.
Result<std::unique_ptr<ByteSource>> OpenByteSource(const std::string& path, bool gzip);

/// Opens `path` read-only (O_CLOEXEC, sequential advice) and returns the fd, or an
/// error naming the file.
Result<int> OpenForReading(const std::string& path);

/// 1-based line and byte column of byte `offset` of the (decompressed) content of
/// `path`, found by reading it again; for errors that carry only an offset.
Result<std::pair<uint64_t, uint64_t>> LocateOffset(const std::string& path, bool gzip, uint64_t offset);

/// Reads `path` fully into `out` through OpenByteSource (tests and small files only).
Status ReadAllBytes(const std::string& path, bool gzip, std::string& out);

}  // namespace cloud_tasks::taskfile
