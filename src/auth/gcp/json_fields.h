#pragma once
/// Field access for credential JSON files, with errors that name the file and the field
/// but never quote a value (values may be secrets).

#include <string>

#include "core/json.h"
#include "core/status.h"

namespace cloud_tasks::auth::gcp {

/// The non-empty string `field` of `object`; kInvalidArgument
/// "<what> has no \"<field>\" field" (or "... is not a string" / "... is empty").
Result<std::string> RequiredStringField(const Json& object, const std::string& field,
                                        const std::string& what);

/// The string `field`, or `fallback` when absent or null; kInvalidArgument when present but
/// not a string.
Result<std::string> OptionalStringField(const Json& object, const std::string& field, const std::string& what,
                                        const std::string& fallback = "");

}  // namespace cloud_tasks::auth::gcp
