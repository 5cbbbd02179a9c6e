#pragma once
/// The provider's name for this instance, for keep-alive events (WRK-61): AWS instance id
/// from IMDSv2 (token, then /latest/meta-data/instance-id; without a token if the token
/// call fails), GCP instance name (/computeMetadata/v1/instance/name with
/// Metadata-Flavor: Google), local instance id ($RMS_CLOUD_TASKS_LOCAL_INSTANCE_ID, set by
/// the local provider). An answer from the metadata server is kept; when the server
/// cannot be reached the host name is used and the server is asked again next time.

#include <optional>
#include <string>

#include "worker/spot_notice.h"

namespace cloud_tasks::worker {

class InstanceIdentity {
 public:
  /// `provider` "aws" or "gcp" asks the metadata server (URLs as in spot_notice.h);
  /// anything else always answers with `hostname`.
  InstanceIdentity(std::string provider, const EnvLookup& env, std::string hostname, int timeout_ms = 2000);

  /// The instance id/name, or the host name when the metadata server gave none.
  std::string Get();

 private:
  std::optional<std::string> AskAws();
  std::optional<std::string> AskGcp();

  std::string provider_;
  std::string base_url_;
  std::string hostname_;
  int timeout_ms_;
  std::optional<std::string> cached_;
};

}  // namespace cloud_tasks::worker
