// FakeProvider's test hooks (its Provider behaviour is in the conformance suite).

#include "compute/fake_provider.h"

#include <gtest/gtest.h>

#include "compute_test_util.h"

namespace cloud_tasks::compute {
namespace {

using testing::Opts;

InstanceSpec Spec(const std::string& job_id, const std::string& type = "fake-small-2") {
  InstanceSpec spec;
  spec.job_id = job_id;
  spec.instance_type = type;
  return spec;
}

TEST(FakeProvider, KillInstanceMakesItTerminated) {
  FakeProvider p;
  auto i = p.CreateInstance(Spec("job"));
  ASSERT_TRUE(i.ok());
  ASSERT_TRUE(p.KillInstance(i->id).ok());
  EXPECT_TRUE(p.ListInstances(Opts("job"))->empty());
  auto all = p.ListInstances(Opts("job", true));
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().state, InstanceState::kTerminated);
  EXPECT_EQ(p.KillInstance("nope").code(), ErrorCode::kNotFound);
}

TEST(FakeProvider, FailNextCallsFailOnce) {
  FakeProvider p;
  p.FailNextCreate(UnavailableError("quota"));
  EXPECT_EQ(p.CreateInstance(Spec("job")).status().code(), ErrorCode::kUnavailable);
  auto i = p.CreateInstance(Spec("job"));
  ASSERT_TRUE(i.ok());
  p.FailNextList(UnavailableError("api down"));
  const compute::ListInstancesOptions all = Opts();  // a named value: GCC 12 warns falsely on the temporary
  EXPECT_EQ(p.ListInstances(all).status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(p.ListInstances(all)->size(), 1u);
  p.FailNextTerminate(UnavailableError("busy"));
  EXPECT_EQ(p.TerminateInstance(i->id).code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(p.TerminateInstance(i->id).ok());
  EXPECT_EQ(p.create_calls(), 2);
  EXPECT_EQ(p.terminate_calls(), 2);
  ASSERT_EQ(p.created_specs().size(), 1u);
  EXPECT_EQ(p.created_specs().front().job_id, "job");
}

TEST(FakeProvider, StartingStateUntagAndSpotRules) {
  FakeProviderOptions options;
  options.initial_state = InstanceState::kStarting;
  FakeProvider p(options);
  auto i = p.CreateInstance(Spec("job"));
  ASSERT_TRUE(i.ok());
  EXPECT_EQ(i->state, InstanceState::kStarting);
  ASSERT_TRUE(p.SetInstanceState(i->id, InstanceState::kRunning).ok());
  EXPECT_EQ(p.ListInstances(Opts("job"))->front().state, InstanceState::kRunning);

  Instance other = p.AddUntaggedInstance("fake-small-2");
  EXPECT_EQ(p.ListInstances(Opts())->size(), 1u);
  ListInstancesOptions untagged;
  untagged.include_untagged = true;
  EXPECT_EQ(p.ListInstances(untagged)->size(), 2u);

  InstanceSpec spot = Spec("job", "fake-large-8");
  spot.spot = true;
  EXPECT_EQ(p.CreateInstance(spot).status().code(), ErrorCode::kInvalidArgument);
  auto types = p.ListInstanceTypes();
  auto spot_quotes = p.GetPrices(*types, true, 10);
  for (const auto& q : *spot_quotes) EXPECT_NE(q.instance_type, "fake-large-8");
}

TEST(FakeProvider, PricesPerZoneAndDiskWithDiskCost) {
  FakeProviderOptions options;
  options.zones = {"z1"};
  options.boot_disk_types = {"pd-standard", "pd-ssd"};
  options.boot_disk_price_per_gb_hour = 0.001;
  FakeOffer offer;
  offer.type.name = "t";
  offer.type.vcpu = 2;
  offer.type.mem_gb = 4;
  offer.type.architecture = "X86_64";
  offer.on_demand_price = 0.1;
  options.offers = {offer};
  FakeProvider p(options);
  auto quotes = p.GetPrices(*p.ListInstanceTypes(), false, 20);
  ASSERT_TRUE(quotes.ok());
  ASSERT_EQ(quotes->size(), 2u);
  EXPECT_EQ((*quotes)[1].boot_disk_type, "pd-ssd");
  EXPECT_NEAR((*quotes)[0].total_price, 0.12, 1e-12);
}

}  // namespace
}  // namespace cloud_tasks::compute
