#include "cli/sort_keys.h"

#include <algorithm>

#include "core/strings.h"

namespace cloud_tasks::cli {

Result<std::vector<SortKey>> ParseSortKeys(std::string_view text, const std::vector<SortField>& fields) {
  std::vector<SortKey> keys;
  for (const std::string& raw : SplitAny(text, ",")) {
    std::string name = ToLower(std::string(Trim(raw)));
    if (name.empty()) continue;
    SortKey key;
    key.descending = StartsWith(name, "-");
    if (key.descending) name = name.substr(1);
    for (const auto& f : fields) {
      if (f.name == name || std::find(f.aliases.begin(), f.aliases.end(), name) != f.aliases.end()) {
        key.field = f.name;
        break;
      }
    }
    if (key.field.empty()) return InvalidArgumentError("Invalid sort field: " + std::string(Trim(raw)));
    keys.push_back(std::move(key));
  }
  return keys;
}

}  // namespace cloud_tasks::cli
