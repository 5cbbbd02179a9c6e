#include "http/rate_limit_presets.h"

#include <string>

namespace cloud_tasks::http {
namespace {

BucketSpec Spec(std::string_view name, double capacity, double refill_per_second) {
  BucketSpec b;
  b.name = std::string(name);
  b.capacity = capacity;
  b.refill_per_second = refill_per_second;
  return b;
}

}  // namespace

std::vector<BucketSpec> Ec2Buckets() {
  return {Spec(kEc2DescribeBucket, 100, 20), Spec(kEc2MutateBucket, 200, 5),
          Spec(kEc2RunInstancesBucket, 1000, 2), Spec(kEc2TerminateInstancesBucket, 1000, 20)};
}

std::vector<BucketSpec> ComputeEngineBuckets() {
  return {PerMinuteBucket(kGceReadBucket, 1500), PerMinuteBucket(kGceMutateBucket, 1500)};
}

BucketSpec PerMinuteBucket(std::string_view name, double per_minute) {
  return Spec(name, per_minute, per_minute / 60.0);
}

}  // namespace cloud_tasks::http
