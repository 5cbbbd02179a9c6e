#include "auth/gcp/json_fields.h"

namespace cloud_tasks::auth::gcp {

Result<std::string> RequiredStringField(const Json& object, const std::string& field,
                                        const std::string& what) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) {
    return InvalidArgumentError(what + " has no \"" + field + "\" field");
  }
  if (!it->is_string()) return InvalidArgumentError(what + ": field \"" + field + "\" is not a string");
  std::string value = it->get<std::string>();
  if (value.empty()) return InvalidArgumentError(what + ": field \"" + field + "\" is empty");
  return value;
}

Result<std::string> OptionalStringField(const Json& object, const std::string& field, const std::string& what,
                                        const std::string& fallback) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_string()) return InvalidArgumentError(what + ": field \"" + field + "\" is not a string");
  return it->get<std::string>();
}

}  // namespace cloud_tasks::auth::gcp
