#include "worker/instance_identity.h"

#include "core/strings.h"
#include "worker/metadata_http.h"

namespace cloud_tasks::worker {

InstanceIdentity::InstanceIdentity(std::string provider, const EnvLookup& env, std::string hostname,
                                   int timeout_ms)
    : provider_(std::move(provider)), hostname_(std::move(hostname)), timeout_ms_(timeout_ms) {
  if (provider_ == "aws" || provider_ == "gcp") base_url_ = MetadataBaseUrl(provider_, env);
  if (provider_ == "local") {
    std::optional<std::string> id = env(kLocalInstanceIdVariable);
    if (id && !id->empty()) cached_ = *id;
  }
}

std::string InstanceIdentity::Get() {
  if (cached_) return *cached_;
  std::optional<std::string> answer;
  if (provider_ == "aws") answer = AskAws();
  if (provider_ == "gcp") answer = AskGcp();
  if (answer && !answer->empty()) {
    cached_ = answer;
    return *answer;
  }
  return hostname_;  // not cached: the metadata server is asked again next time
}

std::optional<std::string> InstanceIdentity::AskAws() {
  std::vector<std::string> headers;
  auto token = MetadataRequest("PUT", base_url_ + "/latest/api/token",
                               {"X-aws-ec2-metadata-token-ttl-seconds: 21600"}, timeout_ms_);
  if (token.ok() && token->status == 200)
    headers.push_back("X-aws-ec2-metadata-token: " + std::string(Trim(token->body)));
  auto id = MetadataRequest("GET", base_url_ + "/latest/meta-data/instance-id", headers, timeout_ms_);
  if (!id.ok() || id->status != 200) return std::nullopt;
  return std::string(Trim(id->body));
}

std::optional<std::string> InstanceIdentity::AskGcp() {
  auto name = MetadataRequest("GET", base_url_ + "/computeMetadata/v1/instance/name",
                              {"Metadata-Flavor: Google"}, timeout_ms_);
  if (!name.ok() || name->status != 200) return std::nullopt;
  return std::string(Trim(name->body));
}

}  // namespace cloud_tasks::worker
