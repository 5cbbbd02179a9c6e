#pragma once
/// A deliberately small HTTP/1.1 client for instance metadata servers (AWS IMDS at
/// 169.254.169.254, GCP metadata.google.internal): plain HTTP on a link-local or loopback
/// address, short timeouts, no proxies (metadata must never go through one), no TLS.
/// Cloud APIs use the full transport of src/http instead.

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::worker {

struct MetadataReply {
  int status = 0;
  std::string body;
};

/// `method` `url` (http://host[:port]/path) with `headers` ("Name: value"); the whole
/// exchange must finish within `timeout_ms`. Errors: unreachable, timed out, malformed.
Result<MetadataReply> MetadataRequest(const std::string& method, const std::string& url,
                                      const std::vector<std::string>& headers, int timeout_ms);

}  // namespace cloud_tasks::worker
