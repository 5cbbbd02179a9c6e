#pragma once
/// The instance-role link: credentials of the EC2 instance's IAM role from the instance
/// metadata service, as botocore's InstanceMetadataFetcher gets them:
///   PUT  {endpoint}/latest/api/token   (X-aws-ec2-metadata-token-ttl-seconds: 21600)
///   GET  {endpoint}/latest/meta-data/iam/security-credentials/         → role name
///   GET  {endpoint}/latest/meta-data/iam/security-credentials/<role>   → JSON with
///        AccessKeyId, SecretAccessKey, Token, Expiration
/// each GET carrying X-aws-ec2-metadata-token. Settings from the environment:
/// AWS_EC2_METADATA_DISABLED=true skips the link; AWS_EC2_METADATA_SERVICE_ENDPOINT
/// (default http://169.254.169.254); AWS_METADATA_SERVICE_TIMEOUT seconds per request
/// (default 1); AWS_METADATA_SERVICE_NUM_ATTEMPTS (default 1); AWS_EC2_METADATA_V1_DISABLED
/// =true forbids the IMDSv1 fallback.
/// Like botocore: a token answer of 403/404/405 falls back to IMDSv1 (GETs without a
/// token); a 400 gives up; a GET is retried (within the attempts) on a non-200, an empty
/// body or (for the credentials) invalid JSON. Unlike botocore, a connection failure on the
/// token request gives up at once instead of trying IMDSv1 against the same dead address
/// (one timeout instead of two off EC2).
/// Every way of not getting credentials is kNotFound with the reason (the chain's end
/// result lists it); the role name and the endpoint appear in messages, never the token.

#include <chrono>
#include <string>

#include "auth/aws/credential_provider.h"
#include "core/environment.h"
#include "http/http.h"

namespace cloud_tasks::auth::aws {

inline constexpr char kDefaultImdsEndpoint[] = "http://169.254.169.254";

class InstanceMetadataProvider : public CredentialProvider {
 public:
  /// `transport` must outlive the provider; nullptr disables the link.
  InstanceMetadataProvider(http::HttpTransport* transport, EnvLookup env)
      : transport_(transport), env_(std::move(env)) {}

  /// Source "instance role <name> via IMDSv2" (or "via IMDSv1" after a fallback).
  Result<ResolvedCredentials> Load() override;
  std::string Name() const override { return "instance role (IMDS)"; }

 private:
  struct Settings {
    std::string endpoint;
    std::chrono::milliseconds timeout{1000};
    int attempts = 1;
    bool v1_disabled = false;
  };
  Result<Settings> ReadSettings() const;
  /// The token; "" when IMDS asks for the v1 fallback; an error when to give up.
  Result<std::string> FetchToken(const Settings& s);
  /// GET with retries; `want_json` also retries on invalid JSON.
  Result<std::string> Get(const Settings& s, const std::string& path, const std::string& token,
                          bool want_json);

  http::HttpTransport* transport_;
  EnvLookup env_;
};

}  // namespace cloud_tasks::auth::aws
