#include "compute/selection/catalog_json.h"

namespace cloud_tasks::compute::selection {
namespace {

Json Price(const std::optional<double>& p) { return p ? Json(*p) : Json(nullptr); }

std::optional<double> PriceFrom(const Json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<double>();
}

Json TypeToJson(const CatalogType& ct) {
  const InstanceType& t = ct.type;
  Json zones = Json::array();
  for (const ZonePrice& z : ct.zones) {
    zones.push_back({{"zone", z.zone}, {"on_demand", Price(z.on_demand)}, {"spot", Price(z.spot)}});
  }
  return {{"name", t.name},
          {"vcpu", t.vcpu},
          {"mem_gb", t.mem_gb},
          {"local_ssd_gb", t.local_ssd_gb},
          {"architecture", t.architecture},
          {"supports_spot", t.supports_spot},
          {"description", t.description},
          {"cpu_family", t.cpu_family},
          {"cpu_rank", t.cpu_rank},
          {"boot_disk_types", t.boot_disk_types},
          {"zones", std::move(zones)}};
}

CatalogType TypeFromJson(const Json& j) {
  CatalogType ct;
  InstanceType& t = ct.type;
  t.name = j.at("name").get<std::string>();
  t.vcpu = j.at("vcpu").get<int>();
  t.mem_gb = j.at("mem_gb").get<double>();
  t.local_ssd_gb = j.at("local_ssd_gb").get<double>();
  t.architecture = j.at("architecture").get<std::string>();
  t.supports_spot = j.at("supports_spot").get<bool>();
  t.description = j.at("description").get<std::string>();
  t.cpu_family = j.at("cpu_family").get<std::string>();
  t.cpu_rank = j.at("cpu_rank").get<int>();
  t.boot_disk_types = j.at("boot_disk_types").get<std::vector<std::string>>();
  for (const Json& z : j.at("zones")) {
    ct.zones.push_back(
        ZonePrice{z.at("zone").get<std::string>(), PriceFrom(z.at("on_demand")), PriceFrom(z.at("spot"))});
  }
  return ct;
}

}  // namespace

Json CatalogToJson(const Catalog& catalog) {
  Json types = Json::array();
  for (const CatalogType& ct : catalog.types) types.push_back(TypeToJson(ct));
  Json disks = Json::array();
  for (const BootDiskRate& d : catalog.boot_disks) {
    disks.push_back({{"type", d.type},
                     {"per_gb_hour", d.per_gb_hour},
                     {"per_iops_hour", d.per_iops_hour},
                     {"per_mbps_hour", d.per_mbps_hour}});
  }
  return {{"provider", catalog.provider},
          {"region", catalog.region},
          {"types", std::move(types)},
          {"boot_disks", std::move(disks)}};
}

Result<Catalog> CatalogFromJson(const Json& j) {
  try {
    Catalog c;
    c.provider = j.at("provider").get<std::string>();
    c.region = j.at("region").get<std::string>();
    for (const Json& t : j.at("types")) c.types.push_back(TypeFromJson(t));
    for (const Json& d : j.at("boot_disks")) {
      BootDiskRate r;
      r.type = d.at("type").get<std::string>();
      r.per_gb_hour = d.at("per_gb_hour").get<double>();
      r.per_iops_hour = d.at("per_iops_hour").get<double>();
      r.per_mbps_hour = d.at("per_mbps_hour").get<double>();
      c.boot_disks.push_back(std::move(r));
    }
    return c;
  } catch (const Json::exception& e) {
    return InvalidArgumentError(std::string("catalog JSON: ") + e.what());
  }
}

}  // namespace cloud_tasks::compute::selection
