#pragma once
/// `--sort-by FIELDS` of the listing commands: a comma list of field names or aliases,
/// each optionally prefixed with `-` for descending (CLI-11/12/33). The first key is the
/// most significant.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::cli {

struct SortKey {
  std::string field;  ///< the canonical field name
  bool descending = false;
};

/// One field and the names accepted for it (the canonical name is accepted too).
struct SortField {
  std::string name;
  std::vector<std::string> aliases;
};

/// Parses `text` (case-insensitive). An unknown name is InvalidArgument
/// "Invalid sort field: X".
Result<std::vector<SortKey>> ParseSortKeys(std::string_view text, const std::vector<SortField>& fields);

}  // namespace cloud_tasks::cli
