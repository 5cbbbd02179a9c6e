#include "compute/local/local_provider.h"

#include <signal.h>

#include <set>
#include <sstream>

#include "compute/local/session.h"

namespace cloud_tasks::compute::local {

Result<std::unique_ptr<LocalProvider>> LocalProvider::Create(LocalProviderOptions options) {
  if (options.state_dir.empty()) return InvalidArgumentError("the local provider needs a state directory");
  if (options.vcpu && *options.vcpu <= 0) return InvalidArgumentError("local vCPU count must be positive");
  if (options.mem_gb && *options.mem_gb <= 0) return InvalidArgumentError("local memory must be positive");
  if (options.price_per_hour < 0) return InvalidArgumentError("local price per hour must not be negative");
  InstanceStore store(options.state_dir);
  CT_RETURN_IF_ERROR(store.EnsureLayout().WithContext("local provider state"));
  return std::unique_ptr<LocalProvider>(new LocalProvider(std::move(options), ReadHostInfo()));
}

LocalProvider::LocalProvider(LocalProviderOptions options, HostInfo host)
    : options_(std::move(options)),
      host_(std::move(host)),
      store_(options_.state_dir),
      rng_(std::random_device{}()) {
  if (options_.vcpu) host_.vcpu = *options_.vcpu;
  if (options_.mem_gb) host_.mem_gb = *options_.mem_gb;
}

LocalProvider::~LocalProvider() {
  std::lock_guard lock(preempt_mu_);
  for (auto& t : preemptions_) t.join();
}

SystemTime LocalProvider::Now() const { return options_.now ? options_.now() : NowUtc(); }

Result<std::vector<std::string>> LocalProvider::ListRegions() { return std::vector<std::string>{kRegion}; }

Result<std::vector<std::string>> LocalProvider::ListZones(const std::string& region) {
  if (!region.empty() && region != kRegion) {
    return NotFoundError("the local provider has one region, 'local'; there is no region '" + region + "'");
  }
  return std::vector<std::string>{kZone};
}

Result<std::vector<Image>> LocalProvider::ListImages() {
  Image image;
  image.id = kImage;
  image.name = host_.os_name;
  image.description = "This machine's operating system (" + host_.os_name + ")";
  image.architecture = host_.architecture;
  image.source =
      host_.os_id.empty() ? "local" : host_.os_id + (host_.os_version.empty() ? "" : " " + host_.os_version);
  return std::vector<Image>{image};
}

Result<std::vector<InstanceType>> LocalProvider::ListInstanceTypes() {
  InstanceType t;
  t.name = kTypeName;
  t.vcpu = host_.vcpu;
  t.mem_gb = host_.mem_gb;
  t.architecture = host_.architecture;
  t.supports_spot = true;  // so configs that constrain use_spot run locally too
  t.cpu_family = host_.cpu_model;
  t.cpu_rank = 0;
  std::ostringstream d;
  d << "This machine: " << t.vcpu << " vCPUs, " << t.mem_gb << " GB";
  if (!host_.cpu_model.empty()) d << ", " << host_.cpu_model;
  t.description = d.str();
  return std::vector<InstanceType>{t};
}

Result<Catalog> LocalProvider::GetCatalog() {
  CT_ASSIGN_OR_RETURN(auto types, ListInstanceTypes());
  Catalog catalog;
  catalog.provider = "local";
  catalog.region = kRegion;
  for (auto& t : types) {
    CatalogType ct;
    ct.type = std::move(t);
    ZonePrice zp;
    zp.zone = kZone;
    zp.on_demand = options_.price_per_hour;
    zp.spot = options_.price_per_hour;
    ct.zones.push_back(zp);
    catalog.types.push_back(std::move(ct));
  }
  return catalog;  // no boot disk rates: the disk is this machine's own, free
}

bool LocalProvider::Alive(const InstanceRecord& record) const {
  return !record.terminated && record.pid > 0 && InstanceProcessesAlive(record.pid, record.start_time);
}

Instance LocalProvider::ToInstance(const InstanceRecord& record, bool alive) const {
  Instance i;
  i.id = record.id;
  i.job_id = record.job_id;
  i.instance_type = record.instance_type;
  i.state = alive ? InstanceState::kRunning : InstanceState::kTerminated;
  i.zone = record.zone;
  i.created = record.created;
  i.spot = record.spot;
  i.private_ip = "127.0.0.1";
  return i;
}

Result<std::vector<Instance>> LocalProvider::ListInstances(const ListInstancesOptions& options) {
  CT_ASSIGN_OR_RETURN(auto records, store_.LoadAll());
  std::vector<Instance> out;
  for (const auto& record : records) {
    if (options.job_id && record.job_id != *options.job_id) continue;
    bool alive = Alive(record);
    // Remember a death, so a later pid reuse cannot make it look alive again.
    if (!alive && !record.terminated && record.pid > 0) MarkTerminated(record.id).IgnoreError();
    if (!alive && !options.include_terminated) continue;
    out.push_back(ToInstance(record, alive));
  }
  return out;
}

Status LocalProvider::MarkTerminated(const std::string& id) {
  std::lock_guard lock(record_mu_);
  CT_ASSIGN_OR_RETURN(InstanceRecord record, store_.Load(id));
  if (record.terminated) return OkStatus();
  record.terminated = true;
  record.terminated_at = Now();
  return store_.Save(record);
}

Status LocalProvider::KillAndRecord(const std::string& id, std::chrono::milliseconds grace) {
  CT_ASSIGN_OR_RETURN(InstanceRecord record, store_.Load(id));
  if (record.terminated) return OkStatus();
  constexpr auto kPoll = std::chrono::milliseconds(10);
  constexpr auto kKillTimeout = std::chrono::seconds(5);
  auto gone = [&] { return !InstanceProcessesAlive(record.pid, record.start_time); };
  if (record.pid > 0 && grace.count() > 0) {
    // SIGTERM once to each member, including members that appear during the grace
    // period (a fork in flight when the first one was sent); a second SIGTERM could
    // make a graceful shutdown handler give up early.
    std::set<pid_t> warned;
    auto deadline = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < deadline) {
      std::vector<pid_t> members = InstanceMembers(record.pid, record.start_time);
      if (members.empty()) break;
      for (pid_t pid : members) {
        if (warned.insert(pid).second) ::kill(pid, SIGTERM);
      }
      std::this_thread::sleep_for(kPoll);
    }
  }
  auto deadline = std::chrono::steady_clock::now() + kKillTimeout;
  while (record.pid > 0 && !gone()) {
    // Repeated: a process may fork between the scan and the kill.
    SignalInstance(record.pid, record.start_time, SIGKILL);
    if (std::chrono::steady_clock::now() > deadline) {
      return UnavailableError("processes of local instance '" + id + "' survive SIGKILL; try again");
    }
    std::this_thread::sleep_for(kPoll);
  }
  return MarkTerminated(id);
}

Status LocalProvider::TerminateInstance(const std::string& id) {
  return KillAndRecord(id, options_.terminate_grace).WithContext("terminate local instance '" + id + "'");
}

}  // namespace cloud_tasks::compute::local
