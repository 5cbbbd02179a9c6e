#pragma once
/// The Compute Engine metadata server as google-auth's compute_engine._metadata reaches it:
///   GET http://<host>/computeMetadata/v1/<path>   with   Metadata-Flavor: Google
/// Settings from the (injected) environment, with google-auth's names and defaults:
///   GCE_METADATA_HOST  host or host:port (else the legacy GCE_METADATA_ROOT, else
///                      metadata.google.internal)
///   GCE_METADATA_TIMEOUT  seconds per request (default 3)
///   NO_GCE_CHECK=true  the metadata link is skipped (never contacted)
/// Not matched: google-auth's ping of 169.254.169.254 (GCE_METADATA_IP) with 3 attempts
/// and its /sys/class/dmi "Google" residency check; we ask the host once and let the
/// answer (or its absence) decide.

#include <chrono>
#include <string>

#include "core/environment.h"
#include "core/status.h"
#include "http/http.h"

namespace cloud_tasks::auth::gcp {

inline constexpr char kDefaultMetadataHost[] = "metadata.google.internal";

struct MetadataServerSettings {
  std::string host = kDefaultMetadataHost;
  std::chrono::milliseconds timeout{3000};
  bool disabled = false;  ///< NO_GCE_CHECK=true
};

/// Reads the variables above; a GCE_METADATA_TIMEOUT that is not a positive integer is
/// ignored (google-auth falls back to 3 as well).
MetadataServerSettings MetadataSettingsFromEnvironment(const EnvLookup& env);

class MetadataClient {
 public:
  /// `transport` must outlive the client.
  MetadataClient(http::HttpTransport* transport, MetadataServerSettings settings)
      : transport_(transport), settings_(std::move(settings)) {}

  /// GET of `path` (relative to /computeMetadata/v1/, may hold a query). Returns the
  /// response whatever its status; an error means no answer (kUnavailable "metadata server
  /// <host> did not answer: ..."). The caller checks the status.
  Result<http::HttpResponse> Get(const std::string& path) const;

  /// The URL for `path`.
  std::string Url(const std::string& path) const;

  const MetadataServerSettings& settings() const { return settings_; }

 private:
  http::HttpTransport* transport_;
  MetadataServerSettings settings_;
};

}  // namespace cloud_tasks::auth::gcp
