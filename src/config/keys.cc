#include "config/keys.h"

#include <algorithm>

namespace cloud_tasks::config {

const std::vector<KeyInfo>& AllKeys() {
  static const std::vector<KeyInfo> kKeys = {
#define CT_KEY_INFO(name, type, where, group, bound, default_text, secret, help) \
  KeyInfo{#name, KeyType::type, where, Group::group, Bound::bound, default_text, secret, help},
      CT_CONFIG_KEYS(CT_KEY_INFO)
#undef CT_KEY_INFO
  };
  return kKeys;
}

const KeyInfo* FindKey(std::string_view name) {
  std::string underscored(name);
  std::replace(underscored.begin(), underscored.end(), '-', '_');
  for (const KeyInfo& key : AllKeys()) {
    if (key.name == underscored) return &key;
  }
  return nullptr;
}

std::string DashedName(std::string_view name) {
  std::string dashed(name);
  std::replace(dashed.begin(), dashed.end(), '_', '-');
  return dashed;
}

const char* KeyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kInt:
      return "integer";
    case KeyType::kFloat:
      return "number";
    case KeyType::kBool:
      return "boolean";
    case KeyType::kString:
      return "string";
    case KeyType::kStringList:
      return "list of strings";
    case KeyType::kPath:
      return "path";
  }
  return "?";
}

}  // namespace cloud_tasks::config
