#include "config/layers.h"

#include <vector>

#include "config/values.h"
#include "core/strings.h"

namespace cloud_tasks::config {
namespace {

// "a", "a or b", "a, b or c".
std::string OrList(const std::vector<std::string>& items) {
  if (items.size() <= 1) return items.empty() ? "" : items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return Join(head, ", ") + " or " + items.back();
}

std::vector<std::string> SupportedProviders(const KeyInfo& key) {
  std::vector<std::string> names;
  for (const char* name : {"aws", "gcp", "local"}) {
    if (key.where & SectionBit(name)) names.emplace_back(name);
  }
  return names;
}

}  // namespace

unsigned SectionBit(std::string_view section) {
  if (section == "aws") return kAws;
  if (section == "gcp") return kGcp;
  if (section == "local") return kLocal;
  if (section == "azure") return kAzure;
  return 0;
}

std::string SectionsFor(const KeyInfo& key) {
  std::vector<std::string> names = SupportedProviders(key);
  if (names.empty()) return "azure:";
  for (auto& name : names) name += ":";
  std::string list = OrList(names);
  return names.size() == 3 ? "a provider section (" + list + ")" : list;
}

std::string ProvidersFor(const KeyInfo& key) {
  std::vector<std::string> names = SupportedProviders(key);
  return names.empty() ? "azure, which is not supported" : Join(names, ", ");
}

Status CheckLayerPairs(const Layer& layer) {
  for (const KeyInfo& min_key : AllKeys()) {
    const KeyInfo* max_key = PairedMax(min_key);
    if (max_key == nullptr) continue;
    auto lo = layer.values.find(std::string(min_key.name));
    auto hi = layer.values.find(std::string(max_key->name));
    if (lo == layer.values.end() || hi == layer.values.end()) continue;
    Placed min{lo->second.value, lo->second.origin, layer.name + "." + std::string(min_key.name), layer.name};
    Placed max{hi->second.value, hi->second.origin, layer.name + "." + std::string(max_key->name),
               layer.name};
    CT_RETURN_IF_ERROR(CheckPair(min_key, min, *max_key, max));
  }
  return OkStatus();
}

}  // namespace cloud_tasks::config
