#pragma once
/// Spot/preemption notices from the instance metadata server (WRK-50..54, BUG-WRK-04):
///   AWS: IMDSv2 — PUT /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds), then
///        GET /latest/meta-data/spot/instance-action with X-aws-ec2-metadata-token;
///        200 means a stop/terminate is scheduled, 404 means none.
///   GCP: GET /computeMetadata/v1/instance/preempted with Metadata-Flavor: Google;
///        body TRUE means preempted.
/// Base URLs come from the SDKs' variables so tests and emulators can point them at a
/// loopback server: AWS_EC2_METADATA_SERVICE_ENDPOINT (default http://169.254.169.254)
/// and GCE_METADATA_HOST (default metadata.google.internal).
///   local: the file `spot-notice` in $RMS_CLOUD_TASKS_LOCAL_INSTANCE_DIR, written by the
///        local provider when it preempts the instance.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/status.h"
#include "worker/settings.h"

namespace cloud_tasks::worker {

/// Set by the local provider in each instance's environment.
inline constexpr const char* kLocalInstanceDirVariable = "RMS_CLOUD_TASKS_LOCAL_INSTANCE_DIR";
inline constexpr const char* kLocalInstanceIdVariable = "RMS_CLOUD_TASKS_LOCAL_INSTANCE_ID";

class SpotNoticeChecker {
 public:
  virtual ~SpotNoticeChecker() = default;
  /// True once a termination notice is posted. Errors (server unreachable) are values:
  /// the caller logs them and asks again later.
  virtual Result<bool> Check() = 0;
};

/// For provider "aws", "gcp", or "local" inside a local instance; nullptr otherwise.
std::unique_ptr<SpotNoticeChecker> MakeSpotNoticeChecker(const std::string& provider, const EnvLookup& env,
                                                         int timeout_ms = 2000);

/// The metadata base URL for the provider, after the environment overrides.
std::string MetadataBaseUrl(const std::string& provider, const EnvLookup& env);

}  // namespace cloud_tasks::worker
