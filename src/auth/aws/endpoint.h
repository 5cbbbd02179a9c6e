#pragma once
/// The endpoint URL of an AWS service, first answer wins:
///   1. `config_endpoint_url`: an endpoint_url for this service in our config — an explicit
///      client setting, like boto3's endpoint_url argument, so it always applies;
///   then, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's
///   ignore_configured_endpoint_urls) is true, botocore's ConfiguredEndpointProvider order:
///   2. AWS_ENDPOINT_URL_<SERVICE>  (service id upper-case, spaces → `_`: SQS, EC2, STS, PRICING)
///   3. AWS_ENDPOINT_URL
///   4. `endpoint_url` under the service's key in the profile's `[services NAME]` section
///      (the profile's `services = NAME`); a missing section is an error, as in botocore
///   5. `endpoint_url` of the profile
///   6. the default https://<prefix>.<region>.amazonaws.com (.amazonaws.com.cn for cn-*);
///      prefix is the lower-case service id ("api.pricing" for Pricing); STS is regional.
/// Configured URLs must start with http:// or https://; they are returned as written.

#include <optional>
#include <string>

#include "auth/aws/shared_config_source.h"
#include "core/environment.h"
#include "core/status.h"

namespace cloud_tasks::auth::aws {

struct EndpointQuery {
  std::string service_id;  ///< the SDK service id: "SQS", "EC2", "STS", "Pricing"
  std::string region;      ///< needed only for the default URL
  std::optional<std::string> config_endpoint_url;
};

struct ResolvedEndpoint {
  std::string url;
  std::string source;  ///< "config", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL", "services section x", ...
};

/// "https://sqs.us-east-1.amazonaws.com" etc.
std::string DefaultEndpoint(const std::string& service_id, const std::string& region);

/// `files` may be null (the config file is not consulted). Errors: an invalid URL
/// (kInvalidArgument naming where it came from), a missing services section, no region for
/// the default URL, the profile's errors.
Result<ResolvedEndpoint> ResolveEndpoint(const EndpointQuery& query, const EnvLookup& env,
                                         SharedConfigSource* files);

}  // namespace cloud_tasks::auth::aws
