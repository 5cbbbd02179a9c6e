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
  auto catalog = p.GetCatalog();
  ASSERT_TRUE(catalog.ok());
  for (const auto& ct : catalog->types) {
    for (const auto& z : ct.zones) EXPECT_EQ(z.spot.has_value(), ct.type.name != "fake-large-8") << ct.type.name;
  }
}

TEST(FakeProvider, CatalogPricesEveryZoneAndRatesEveryDiskType) {
  FakeProviderOptions options;
  options.zones = {"z1", "z2"};
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
  auto catalog = p.GetCatalog();
  ASSERT_TRUE(catalog.ok());
  ASSERT_EQ(catalog->types.size(), 1u);
  const CatalogType& t = catalog->types.front();
  EXPECT_EQ(t.type.boot_disk_types, (std::vector<std::string>{"pd-standard", "pd-ssd"}));
  ASSERT_EQ(t.zones.size(), 2u);
  EXPECT_EQ(t.zones[1].zone, "z2");
  EXPECT_EQ(t.zones[1].on_demand, 0.1);
  EXPECT_FALSE(t.zones[1].spot.has_value());
  ASSERT_EQ(catalog->boot_disks.size(), 2u);
  EXPECT_EQ(catalog->boot_disks[1].type, "pd-ssd");
  EXPECT_EQ(catalog->boot_disks[1].per_gb_hour, 0.001);
}

}  // namespace
}  // namespace cloud_tasks::compute
