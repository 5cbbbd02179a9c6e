#include "compute/fake_provider.h"

#include <algorithm>
#include <cstdio>

namespace cloud_tasks::compute {
namespace {

InstanceType Type(std::string name, int vcpu, double mem_gb, std::string arch, bool spot, std::string family,
                  int rank) {
  InstanceType t;
  t.name = std::move(name);
  t.vcpu = vcpu;
  t.mem_gb = mem_gb;
  t.architecture = std::move(arch);
  t.supports_spot = spot;
  t.description = t.name + " (fake)";
  t.cpu_family = std::move(family);
  t.cpu_rank = rank;
  return t;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::vector<FakeOffer> DefaultFakeOffers() {
  return {
      {Type("fake-small-2", 2, 4, "X86_64", true, "Intel Cascade Lake", 12), 0.10, 0.03},
      {Type("fake-medium-4", 4, 16, "X86_64", true, "AMD Milan", 17), 0.18, 0.05},
      {Type("fake-large-8", 8, 32, "X86_64", false, "Intel Ice Lake", 16), 0.40, 0},
      {Type("fake-arm-4", 4, 8, "ARM64", true, "AWS Graviton3", 19), 0.12, 0.04},
  };
}

FakeProvider::FakeProvider(FakeProviderOptions options) : options_(std::move(options)), name_(options_.name) {
  if (options_.offers.empty()) options_.offers = DefaultFakeOffers();
  if (options_.boot_disk_types.empty()) options_.boot_disk_types = {""};
}

const FakeOffer* FakeProvider::FindOffer(const std::string& type_name) const {
  for (const auto& o : options_.offers) {
    if (o.type.name == type_name) return &o;
  }
  return nullptr;
}

Result<std::vector<std::string>> FakeProvider::ListRegions() { return options_.regions; }

Result<std::vector<std::string>> FakeProvider::ListZones(const std::string& region) {
  if (!region.empty() && !Contains(options_.regions, region))
    return NotFoundError("no region '" + region + "'");
  if (!region.empty() && region != options_.regions.front()) return std::vector<std::string>{};
  return options_.zones;
}

Result<std::vector<Image>> FakeProvider::ListImages() { return options_.images; }

Result<std::vector<InstanceType>> FakeProvider::ListInstanceTypes() {
  std::vector<InstanceType> types;
  for (const auto& o : options_.offers) types.push_back(o.type);
  return types;
}

Result<Catalog> FakeProvider::GetCatalog() {
  Catalog catalog;
  catalog.provider = options_.name;
  catalog.region = options_.regions.front();
  std::vector<std::string> disk_names;
  auto add_disk = [&](const std::string& d) {
    if (std::find(disk_names.begin(), disk_names.end(), d) == disk_names.end()) disk_names.push_back(d);
  };
  for (const auto& d : options_.boot_disk_types) add_disk(d);
  for (const auto& offer : options_.offers) {
    CatalogType ct;
    ct.type = offer.type;
    if (ct.type.boot_disk_types.empty()) ct.type.boot_disk_types = options_.boot_disk_types;
    for (const auto& d : ct.type.boot_disk_types) add_disk(d);
    for (const auto& zone : options_.zones) {
      ZonePrice zp;
      zp.zone = zone;
      zp.on_demand = offer.on_demand_price;
      if (offer.type.supports_spot) zp.spot = offer.spot_price;
      ct.zones.push_back(zp);
    }
    catalog.types.push_back(std::move(ct));
  }
  for (const auto& d : disk_names) {
    BootDiskRate rate;
    rate.type = d;
    rate.per_gb_hour = options_.boot_disk_price_per_gb_hour;
    catalog.boot_disks.push_back(rate);
  }
  return catalog;
}

Result<Instance> FakeProvider::CreateInstance(const InstanceSpec& spec) {
  std::lock_guard lock(mu_);
  ++create_calls_;
  if (fail_create_) {
    Status s = *fail_create_;
    fail_create_.reset();
    return s;
  }
  const FakeOffer* offer = FindOffer(spec.instance_type);
  if (offer == nullptr) return InvalidArgumentError("unknown instance type '" + spec.instance_type + "'");
  if (!spec.zone.empty() && !Contains(options_.zones, spec.zone)) {
    return InvalidArgumentError("unknown zone '" + spec.zone + "'");
  }
  if (spec.spot && !offer->type.supports_spot) {
    return InvalidArgumentError("instance type '" + spec.instance_type + "' has no spot offering");
  }
  char id[32];
  std::snprintf(id, sizeof id, "fake-%06d", next_id_++);
  Instance i;
  i.id = id;
  i.job_id = spec.job_id;
  i.instance_type = spec.instance_type;
  i.state = options_.initial_state;
  i.zone = spec.zone.empty() ? options_.zones.front() : spec.zone;
  i.created = Now();
  i.spot = spec.spot;
  i.private_ip = "10.0.0." + std::to_string(next_id_ % 250 + 1);
  instances_[i.id] = i;
  order_.push_back(i.id);
  specs_.push_back(spec);
  return i;
}

Result<std::vector<Instance>> FakeProvider::ListInstances(const ListInstancesOptions& options) {
  std::lock_guard lock(mu_);
  if (fail_list_) {
    Status s = *fail_list_;
    fail_list_.reset();
    return s;
  }
  std::vector<Instance> out;
  for (const auto& id : order_) {
    const Instance& i = instances_.at(id);
    if (i.job_id.empty() && !options.include_untagged) continue;
    if (options.job_id && i.job_id != *options.job_id) continue;
    if (!IsLive(i.state) && !options.include_terminated) continue;
    out.push_back(i);
  }
  return out;
}

Status FakeProvider::TerminateInstance(const std::string& id) {
  std::lock_guard lock(mu_);
  ++terminate_calls_;
  if (fail_terminate_) {
    Status s = *fail_terminate_;
    fail_terminate_.reset();
    return s;
  }
  auto it = instances_.find(id);
  if (it == instances_.end()) return NotFoundError("no instance '" + id + "'");
  it->second.state = InstanceState::kTerminated;
  return OkStatus();
}

Status FakeProvider::KillInstance(const std::string& id) {
  return SetInstanceState(id, InstanceState::kTerminated);
}

Status FakeProvider::SetInstanceState(const std::string& id, InstanceState state) {
  std::lock_guard lock(mu_);
  auto it = instances_.find(id);
  if (it == instances_.end()) return NotFoundError("no instance '" + id + "'");
  it->second.state = state;
  return OkStatus();
}

Instance FakeProvider::AddUntaggedInstance(const std::string& instance_type) {
  std::lock_guard lock(mu_);
  char id[32];
  std::snprintf(id, sizeof id, "other-%06d", next_id_++);
  Instance i;
  i.id = id;
  i.instance_type = instance_type;
  i.state = InstanceState::kRunning;
  i.zone = options_.zones.front();
  i.created = Now();
  instances_[i.id] = i;
  order_.push_back(i.id);
  return i;
}

void FakeProvider::FailNextCreate(Status status) {
  std::lock_guard lock(mu_);
  fail_create_ = std::move(status);
}

void FakeProvider::FailNextList(Status status) {
  std::lock_guard lock(mu_);
  fail_list_ = std::move(status);
}

void FakeProvider::FailNextTerminate(Status status) {
  std::lock_guard lock(mu_);
  fail_terminate_ = std::move(status);
}

std::vector<InstanceSpec> FakeProvider::created_specs() const {
  std::lock_guard lock(mu_);
  return specs_;
}

int FakeProvider::create_calls() const {
  std::lock_guard lock(mu_);
  return create_calls_;
}

int FakeProvider::terminate_calls() const {
  std::lock_guard lock(mu_);
  return terminate_calls_;
}

}  // namespace cloud_tasks::compute
