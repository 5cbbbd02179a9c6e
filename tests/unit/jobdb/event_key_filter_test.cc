// EventKeyFilter: never a false "no"; few false "maybe"s up to its capacity; Overfull
// past it.

#include "jobdb/event_key_filter.h"

#include <gtest/gtest.h>

#include <random>

namespace cloud_tasks::jobdb {
namespace {

TEST(EventKeyFilter, AddedKeysAreAlwaysReported) {
  EventKeyFilter filter(1000);
  std::mt19937_64 rng(7);
  std::vector<int64_t> keys;
  for (int i = 0; i < 5000; ++i) keys.push_back(static_cast<int64_t>(rng()));
  for (int64_t k : keys) filter.Add(k);
  for (int64_t k : keys) EXPECT_TRUE(filter.MayContain(k)) << k;
  EXPECT_EQ(filter.count(), 5000u);
}

TEST(EventKeyFilter, FalsePositivesStayRareUpToCapacity) {
  EventKeyFilter filter(0);
  std::mt19937_64 rng(11);
  const uint64_t capacity = filter.capacity();
  for (uint64_t i = 0; i < capacity; ++i) filter.Add(static_cast<int64_t>(rng()));
  EXPECT_FALSE(filter.Overfull());
  int maybes = 0;
  const int probes = 100000;
  for (int i = 0; i < probes; ++i) maybes += filter.MayContain(static_cast<int64_t>(rng())) ? 1 : 0;
  // Two probes, 16 bits per key: about 1.4% at capacity.
  EXPECT_LT(maybes, probes * 3 / 100);
  filter.Add(1);
  EXPECT_TRUE(filter.Overfull());
}

TEST(EventKeyFilter, EmptyFilterSaysNo) {
  EventKeyFilter filter(10);
  EXPECT_FALSE(filter.MayContain(0));
  EXPECT_FALSE(filter.MayContain(-1));
  EXPECT_FALSE(filter.MayContain(123456789));
}

}  // namespace
}  // namespace cloud_tasks::jobdb
