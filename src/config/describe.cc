// DescribeSettings: "key = value" lines for -v logs, secrets redacted.
#include "config/config.h"
#include "config/values.h"

namespace cloud_tasks::config {

std::vector<std::string> DescribeSettings(const Settings& settings) {
  std::vector<std::string> lines;
  lines.push_back("provider = " + settings.provider);
  const auto& keys = AllKeys();
  size_t index = 0;
  // Walks the table in order; `index` follows the X-macro expansion, which is the same
  // order AllKeys() was built in.
#define CT_DESCRIBE_SETTING(name, ...)                                                              \
  if (settings.name) lines.push_back(#name " = " + FormatValue(keys[index], Json(*settings.name))); \
  ++index;
  CT_CONFIG_KEYS(CT_DESCRIBE_SETTING)
#undef CT_DESCRIBE_SETTING
  return lines;
}

}  // namespace cloud_tasks::config
