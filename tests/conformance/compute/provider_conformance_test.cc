// One suite every compute::Provider passes (LocalProvider with real processes,
// FakeProvider in memory): catalog consistency, create/list/terminate, job filters.
// LocalProvider's own behaviour (processes, files, preemption) is in
// local_provider_test.cc.

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "compute/fake_provider.h"
#include "compute/local/local_provider.h"
#include "compute_test_util.h"

namespace cloud_tasks::compute {
namespace {

using testing::Opts;
using testing::TempDir;

struct LocalBackend {
  static std::unique_ptr<Provider> Make(const std::string& dir) {
    local::LocalProviderOptions options;
    options.state_dir = dir;
    options.price_per_hour = 0.25;
    options.terminate_grace = std::chrono::milliseconds(500);
    auto p = local::LocalProvider::Create(options);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(*p) : nullptr;
  }
};

struct FakeBackend {
  static std::unique_ptr<Provider> Make(const std::string&) { return std::make_unique<FakeProvider>(); }
};

template <typename Backend>
class ProviderConformanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    provider_ = Backend::Make(dir_.path());
    ASSERT_NE(provider_, nullptr);
  }
  void TearDown() override {
    if (!provider_) return;
    auto all = provider_->ListInstances(Opts(std::nullopt, true));
    if (all.ok()) {
      for (const auto& i : *all) provider_->TerminateInstance(i.id).IgnoreError();
    }
  }

  InstanceSpec Spec(const std::string& job_id) {
    auto types = provider_->ListInstanceTypes();
    auto zones = provider_->ListZones("");
    EXPECT_TRUE(types.ok() && !types->empty() && zones.ok() && !zones->empty());
    return InstanceSpec{.job_id = job_id,
                        .instance_type = types->front().name,
                        .zone = zones->front(),
                        .spot = false,
                        .image = "",
                        .boot_disk_gb = 10,
                        .boot_disk_type = "",
                        .startup_script = "#!/bin/bash\nsleep 30\n"};
  }

  Instance MustCreate(const std::string& job_id) {
    auto created = provider_->CreateInstance(Spec(job_id));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : Instance{};
  }

  std::set<std::string> Ids(const ListInstancesOptions& options) {
    auto listed = provider_->ListInstances(options);
    EXPECT_TRUE(listed.ok()) << listed.status().ToString();
    std::set<std::string> ids;
    if (listed.ok()) {
      for (const auto& i : *listed) ids.insert(i.id);
    }
    return ids;
  }

  std::optional<Instance> Find(const std::string& id, bool include_terminated) {
    auto listed = provider_->ListInstances(Opts(std::nullopt, include_terminated));
    if (!listed.ok()) return std::nullopt;
    for (const auto& i : *listed) {
      if (i.id == id) return i;
    }
    return std::nullopt;
  }

  TempDir dir_;
  std::unique_ptr<Provider> provider_;
};

using Backends = ::testing::Types<LocalBackend, FakeBackend>;
class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return std::is_same_v<T, LocalBackend> ? "Local" : "Fake";
  }
};
TYPED_TEST_SUITE(ProviderConformanceTest, Backends, BackendNames);

TYPED_TEST(ProviderConformanceTest, CatalogIsNonEmptyAndConsistent) {
  Provider& p = *this->provider_;
  EXPECT_FALSE(p.name().empty());
  auto regions = p.ListRegions();
  ASSERT_TRUE(regions.ok());
  ASSERT_FALSE(regions->empty());
  auto zones = p.ListZones(regions->front());
  ASSERT_TRUE(zones.ok());
  EXPECT_FALSE(zones->empty());
  auto images = p.ListImages();
  ASSERT_TRUE(images.ok());
  ASSERT_FALSE(images->empty());
  EXPECT_FALSE(images->front().id.empty());
  auto types = p.ListInstanceTypes();
  ASSERT_TRUE(types.ok());
  ASSERT_FALSE(types->empty());
  for (const auto& t : *types) {
    EXPECT_FALSE(t.name.empty());
    EXPECT_GT(t.vcpu, 0) << t.name;
    EXPECT_GT(t.mem_gb, 0) << t.name;
    EXPECT_TRUE(t.architecture == "X86_64" || t.architecture == "ARM64") << t.architecture;
  }
  // The catalog holds every listed type, each priced on demand in at least one zone,
  // with a spot price only where the type supports spot.
  auto catalog = p.GetCatalog();
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_FALSE(catalog->region.empty());
  std::set<std::string> listed, in_catalog;
  for (const auto& t : *types) listed.insert(t.name);
  for (const auto& ct : catalog->types) {
    in_catalog.insert(ct.type.name);
    EXPECT_FALSE(ct.zones.empty()) << ct.type.name;
    bool has_on_demand = false;
    for (const auto& z : ct.zones) {
      EXPECT_FALSE(z.zone.empty()) << ct.type.name;
      if (z.on_demand) {
        has_on_demand = true;
        EXPECT_GE(*z.on_demand, 0) << ct.type.name;
      }
      if (z.spot) {
        EXPECT_TRUE(ct.type.supports_spot) << ct.type.name << " has a spot price without spot support";
        EXPECT_GE(*z.spot, 0) << ct.type.name;
      }
    }
    EXPECT_TRUE(has_on_demand) << ct.type.name;
  }
  EXPECT_EQ(in_catalog, listed);
  for (const auto& rate : catalog->boot_disks) EXPECT_GE(rate.per_gb_hour, 0) << rate.type;
}

TYPED_TEST(ProviderConformanceTest, CreateReturnsLiveInstanceListedUnderItsJobOnly) {
  SystemTime before = NowUtc();
  Instance i = this->MustCreate("job-a");
  SystemTime after = NowUtc();
  EXPECT_FALSE(i.id.empty());
  EXPECT_EQ(i.job_id, "job-a");
  EXPECT_TRUE(IsLive(i.state)) << InstanceStateName(i.state);
  EXPECT_EQ(i.instance_type, this->Spec("job-a").instance_type);
  EXPECT_FALSE(i.zone.empty());
  ASSERT_TRUE(i.created.has_value());
  EXPECT_GE(*i.created, before - std::chrono::seconds(1));
  EXPECT_LE(*i.created, after + std::chrono::seconds(1));

  EXPECT_TRUE(this->Ids(Opts("job-a")).count(i.id));
  EXPECT_FALSE(this->Ids(Opts("job-b")).count(i.id));
  EXPECT_TRUE(this->Ids(Opts()).count(i.id));
  auto listed = this->Find(i.id, false);
  ASSERT_TRUE(listed.has_value());
  EXPECT_TRUE(IsLive(listed->state));
  EXPECT_EQ(listed->job_id, "job-a");
  EXPECT_EQ(listed->created, i.created);
}

TYPED_TEST(ProviderConformanceTest, JobFilterSeparatesJobsAndIdsAreUnique) {
  Instance a1 = this->MustCreate("job-a");
  Instance a2 = this->MustCreate("job-a");
  Instance b1 = this->MustCreate("job-b");
  EXPECT_NE(a1.id, a2.id);
  EXPECT_EQ(this->Ids(Opts("job-a")), (std::set<std::string>{a1.id, a2.id}));
  EXPECT_EQ(this->Ids(Opts("job-b")), (std::set<std::string>{b1.id}));
  EXPECT_TRUE(this->Ids(Opts("job-c")).empty());
  EXPECT_EQ(this->Ids(Opts()).size(), 3u);
}

TYPED_TEST(ProviderConformanceTest, TerminateMakesInstanceNonLiveAndHidden) {
  Instance a = this->MustCreate("job-a");
  Instance b = this->MustCreate("job-a");
  ASSERT_TRUE(this->provider_->TerminateInstance(a.id).ok());
  EXPECT_EQ(this->Ids(Opts("job-a")), (std::set<std::string>{b.id}));
  auto shown = this->Find(a.id, /*include_terminated=*/true);
  ASSERT_TRUE(shown.has_value());
  EXPECT_FALSE(IsLive(shown->state)) << InstanceStateName(shown->state);
  EXPECT_EQ(shown->job_id, "job-a");
  EXPECT_EQ(this->Ids(Opts("job-a", true)), (std::set<std::string>{a.id, b.id}));
}

TYPED_TEST(ProviderConformanceTest, TerminateTwiceIsOk) {
  Instance a = this->MustCreate("job-a");
  EXPECT_TRUE(this->provider_->TerminateInstance(a.id).ok());
  Status again = this->provider_->TerminateInstance(a.id);
  EXPECT_TRUE(again.ok()) << again.ToString();
}

TYPED_TEST(ProviderConformanceTest, UnknownIdIsNotFound) {
  Status s = this->provider_->TerminateInstance("no-such-instance");
  EXPECT_EQ(s.code(), ErrorCode::kNotFound) << s.ToString();
}

TYPED_TEST(ProviderConformanceTest, UnknownInstanceTypeIsRejected) {
  InstanceSpec spec = this->Spec("job-a");
  spec.instance_type = "no-such-type";
  auto created = this->provider_->CreateInstance(spec);
  EXPECT_EQ(created.status().code(), ErrorCode::kInvalidArgument) << created.status().ToString();
  EXPECT_TRUE(this->Ids(Opts(std::nullopt, true)).empty());
}

}  // namespace
}  // namespace cloud_tasks::compute
