#pragma once
/// gzip decompression as a ByteSource (zlib inflate, streaming).

#include <memory>
#include <string>

#include "taskfile/byte_source.h"

namespace cloud_tasks::taskfile {

/// Wraps the open file `fd` (closed by the source) as an inflating ByteSource.
Result<std::unique_ptr<ByteSource>> MakeGzipSource(const std::string& path, int fd);

}  // namespace cloud_tasks::taskfile
