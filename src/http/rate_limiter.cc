#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <thread>
#include <utility>

#include "core/logging.h"

namespace cloud_tasks::http {

Result<std::unique_ptr<RateLimiter>> RateLimiter::Create(Options options) {
  std::map<std::string, int, std::less<>> seen;
  for (const BucketSpec& b : options.buckets) {
    if (b.name.empty()) return InvalidArgumentError("rate limiter: a bucket has no name");
    if (!(b.capacity > 0) || !(b.refill_per_second > 0)) {
      return InvalidArgumentError("rate limiter: bucket '" + b.name +
                                  "' needs a positive capacity and refill rate");
    }
    if (++seen[b.name] > 1) return InvalidArgumentError("rate limiter: bucket '" + b.name + "' given twice");
  }
  if (!options.now) options.now = [] { return Clock::now(); };
  if (!options.sleep) options.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  return std::unique_ptr<RateLimiter>(new RateLimiter(std::move(options)));
}

RateLimiter::RateLimiter(Options options) : options_(std::move(options)) {
  Clock::time_point now = options_.now();
  for (const BucketSpec& spec : options_.buckets) {
    Bucket b;
    b.spec = spec;
    b.tokens = spec.capacity;
    b.updated = now;
    buckets_.emplace(spec.name, std::move(b));
  }
}

void RateLimiter::Refill(Bucket& b, Clock::time_point now) {
  if (now <= b.updated) return;
  double seconds = std::chrono::duration<double>(now - b.updated).count();
  b.tokens = std::min(b.spec.capacity, b.tokens + seconds * b.spec.refill_per_second);
  b.updated = now;
}

std::chrono::milliseconds RateLimiter::Acquire(std::string_view bucket, double n) {
  std::chrono::milliseconds wait{0};
  double missing = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = buckets_.find(bucket);
    if (it == buckets_.end() || n <= 0) return wait;
    Bucket& b = it->second;
    Refill(b, options_.now());
    b.tokens -= n;  // reserve now: whoever comes next queues behind this debt
    if (b.tokens >= 0) return wait;
    missing = -b.tokens;
    wait = std::chrono::milliseconds(
        static_cast<int64_t>(std::ceil(missing / b.spec.refill_per_second * 1000.0)));
  }
  LogInfo("rate limit: bucket {}: waiting {:.3f} s for {} token(s) ({:.1f} short)", bucket,
          static_cast<double>(wait.count()) / 1000.0, n, missing);
  options_.sleep(wait);
  return wait;
}

double RateLimiter::Available(std::string_view bucket) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(bucket);
  if (it == buckets_.end()) return 0;
  Refill(it->second, options_.now());
  return it->second.tokens;
}

bool RateLimiter::Has(std::string_view bucket) const {
  return buckets_.find(bucket) != buckets_.end();  // the map's keys never change
}

}  // namespace cloud_tasks::http
