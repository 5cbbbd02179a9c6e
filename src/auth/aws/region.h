#pragma once
/// Which AWS region to use, first answer wins:
///   1. `region` of our config (aws.region, or --region)
///   2. AWS_REGION (the newer SDKs and the AWS CLI v2; botocore ignores it)
///   3. AWS_DEFAULT_REGION (botocore's variable)
///   4. `region` of the profile (config file, or credentials file, merged like botocore)
/// Empty values count as unset. botocore's own order is: explicit argument,
/// AWS_DEFAULT_REGION, profile `region` (then the IMDS region, which is not used here).

#include <optional>
#include <string>

#include "auth/aws/shared_config_source.h"
#include "core/environment.h"
#include "core/status.h"

namespace cloud_tasks::auth::aws {

struct ResolvedRegion {
  std::string region;
  std::string source;  ///< "config", "AWS_REGION", "AWS_DEFAULT_REGION", "profile default in <file>"
};

/// `files` may be null (profile not consulted). Errors: kNotFound listing the four places;
/// the profile's errors (malformed file, a named profile defined nowhere).
Result<ResolvedRegion> ResolveRegion(const std::optional<std::string>& config_region, const EnvLookup& env,
                                     SharedConfigSource* files);

}  // namespace cloud_tasks::auth::aws
