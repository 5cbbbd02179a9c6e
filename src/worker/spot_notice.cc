#include "worker/spot_notice.h"

#include <unistd.h>

#include "core/strings.h"
#include "worker/metadata_http.h"

namespace cloud_tasks::worker {
namespace {

class AwsSpotNotice : public SpotNoticeChecker {
 public:
  AwsSpotNotice(std::string base, int timeout_ms) : base_(std::move(base)), timeout_ms_(timeout_ms) {}

  Result<bool> Check() override {
    CT_ASSIGN_OR_RETURN(MetadataReply token,
                        MetadataRequest("PUT", base_ + "/latest/api/token",
                                        {"X-aws-ec2-metadata-token-ttl-seconds: 21600"}, timeout_ms_));
    if (token.status != 200)
      return UnavailableError("IMDSv2 token request answered HTTP " + std::to_string(token.status));
    CT_ASSIGN_OR_RETURN(
        MetadataReply action,
        MetadataRequest("GET", base_ + "/latest/meta-data/spot/instance-action",
                        {"X-aws-ec2-metadata-token: " + std::string(Trim(token.body))}, timeout_ms_));
    if (action.status == 404) return false;
    if (action.status == 200) return true;
    return UnavailableError("spot/instance-action answered HTTP " + std::to_string(action.status));
  }

 private:
  std::string base_;
  int timeout_ms_;
};

class GcpPreemptedNotice : public SpotNoticeChecker {
 public:
  GcpPreemptedNotice(std::string base, int timeout_ms) : base_(std::move(base)), timeout_ms_(timeout_ms) {}

  Result<bool> Check() override {
    CT_ASSIGN_OR_RETURN(MetadataReply reply,
                        MetadataRequest("GET", base_ + "/computeMetadata/v1/instance/preempted",
                                        {"Metadata-Flavor: Google"}, timeout_ms_));
    if (reply.status != 200)
      return UnavailableError("instance/preempted answered HTTP " + std::to_string(reply.status));
    return ToUpper(Trim(reply.body)) == "TRUE";
  }

 private:
  std::string base_;
  int timeout_ms_;
};

// The local provider's preemption (LocalProvider::Preempt) posts a file in the
// instance's directory before it kills the instance.
class LocalNoticeFile : public SpotNoticeChecker {
 public:
  explicit LocalNoticeFile(std::string path) : path_(std::move(path)) {}
  Result<bool> Check() override { return ::access(path_.c_str(), F_OK) == 0; }

 private:
  std::string path_;
};

}  // namespace

std::string MetadataBaseUrl(const std::string& provider, const EnvLookup& env) {
  if (provider == "aws") {
    auto v = env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    std::string base = v && !v->empty() ? *v : "http://169.254.169.254";
    while (EndsWith(base, "/")) base.pop_back();
    return base;
  }
  auto host = env("GCE_METADATA_HOST");
  return "http://" + (host && !host->empty() ? *host : std::string("metadata.google.internal"));
}

std::unique_ptr<SpotNoticeChecker> MakeSpotNoticeChecker(const std::string& provider, const EnvLookup& env,
                                                         int timeout_ms) {
  if (provider == "aws") return std::make_unique<AwsSpotNotice>(MetadataBaseUrl(provider, env), timeout_ms);
  if (provider == "gcp")
    return std::make_unique<GcpPreemptedNotice>(MetadataBaseUrl(provider, env), timeout_ms);
  if (provider == "local") {
    std::optional<std::string> dir = env(kLocalInstanceDirVariable);
    if (dir && !dir->empty()) return std::make_unique<LocalNoticeFile>(*dir + "/spot-notice");
  }
  return nullptr;
}

}  // namespace cloud_tasks::worker
