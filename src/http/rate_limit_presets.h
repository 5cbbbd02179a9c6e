#pragma once
/// The published API limits as bucket data, for RateLimiter::Options::buckets. These are
/// account defaults; AWS and Google raise them on request, so a backend may scale them.
///
/// Amazon EC2 (EC2 API Reference, "Request throttling for the Amazon EC2 API"; per account
/// and region, token bucket):
///   ec2.describe    non-mutating (Describe*) requests: 100 at once, then 20 per second
///   ec2.mutate      mutating requests (CreateTags, TerminateInstances, ...): 200, then 5/s
///   ec2.run         RunInstances *resource* bucket, one token per instance launched
///                   (HttpRequest::rate_cost = instance count): 1,000, then 2 per second
///   ec2.terminate   TerminateInstances resource bucket, one token per instance: 1,000,
///                   then 20 per second
/// Compute Engine (rate quotas page, per project, enforced per minute): the default
/// "Queries" group (mutations) and "Read requests" (*.get): 1,500 requests per minute each,
/// expressed as capacity 1,500 refilled at 1,500/60 = 25 per second:
///   gce.mutate, gce.read

#include <string_view>
#include <vector>

#include "http/rate_limiter.h"

namespace cloud_tasks::http {

inline constexpr std::string_view kEc2DescribeBucket = "ec2.describe";
inline constexpr std::string_view kEc2MutateBucket = "ec2.mutate";
inline constexpr std::string_view kEc2RunInstancesBucket = "ec2.run";
inline constexpr std::string_view kEc2TerminateInstancesBucket = "ec2.terminate";
inline constexpr std::string_view kGceReadBucket = "gce.read";
inline constexpr std::string_view kGceMutateBucket = "gce.mutate";

/// The EC2 buckets above.
std::vector<BucketSpec> Ec2Buckets();

/// The Compute Engine buckets above.
std::vector<BucketSpec> ComputeEngineBuckets();

/// A per-minute quota of `per_minute` calls as a bucket: capacity per_minute, refilled at
/// per_minute / 60 per second.
BucketSpec PerMinuteBucket(std::string_view name, double per_minute);

}  // namespace cloud_tasks::http
