#pragma once
/// RateLimiter: named token buckets, so the backends pace themselves to the published API
/// limits instead of learning them from throttling answers.
///
/// A bucket holds up to `capacity` tokens and gains `refill_per_second` tokens per second;
/// it starts full. Acquire(name, n) takes n tokens, waiting (sleeping outside the lock)
/// until the bucket has earned them. Callers are served in arrival order: a caller that
/// must wait reserves its tokens at once (the bucket goes into debt), so later callers
/// queue behind it and n may exceed the capacity (1,500 instances from a 1,000 bucket
/// wait for the missing 500). A name with no bucket is not paced. Thread-safe.
/// Every wait is logged at `-v` (INFO) with the bucket, the tokens and the delay.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::http {

struct BucketSpec {
  std::string name;
  double capacity = 0;           ///< burst: tokens available at once
  double refill_per_second = 0;  ///< sustained rate
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    std::vector<BucketSpec> buckets;
    /// Default: steady_clock::now.
    std::function<Clock::time_point()> now;
    /// Default: std::this_thread::sleep_for.
    std::function<void(std::chrono::milliseconds)> sleep;
  };

  /// Every bucket needs a unique non-empty name, capacity > 0 and refill > 0.
  static Result<std::unique_ptr<RateLimiter>> Create(Options options);

  /// Takes `n` tokens from `bucket`, first sleeping as long as it takes to earn them.
  /// Returns the time slept (zero when the tokens were there or the bucket is unknown).
  std::chrono::milliseconds Acquire(std::string_view bucket, double n = 1);

  /// Tokens in `bucket` now (negative while callers wait); 0 for an unknown bucket.
  double Available(std::string_view bucket);

  bool Has(std::string_view bucket) const;

 private:
  struct Bucket {
    BucketSpec spec;
    double tokens = 0;
    Clock::time_point updated;
  };
  explicit RateLimiter(Options options);
  void Refill(Bucket& b, Clock::time_point now);

  Options options_;
  std::mutex mu_;
  std::map<std::string, Bucket, std::less<>> buckets_;  // guarded by mu_ (the map's shape is fixed)
};

}  // namespace cloud_tasks::http
