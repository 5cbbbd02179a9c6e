#pragma once
/// Reading a Google credentials JSON file of either supported type (the file named by
/// gcp.credentials_file, GOOGLE_APPLICATION_CREDENTIALS, or the gcloud ADC file).

#include <string>
#include <string_view>
#include <variant>

#include "auth/gcp/authorized_user.h"
#include "auth/gcp/service_account_key.h"
#include "core/status.h"

namespace cloud_tasks::auth::gcp {

using CredentialsFile = std::variant<ServiceAccountKey, AuthorizedUser>;

/// Parses `text` read from `path`. Errors (kInvalidArgument, naming the file, never quoting
/// its content):
///   not JSON ("... is not valid JSON (error at byte N)"), not an object, no "type",
///   an unsupported type (external_account, impersonated_service_account... are named
///   and refused), or a missing required field of the type.
Result<CredentialsFile> ParseCredentialsFile(std::string_view text, const std::string& path);

/// Reads and parses `path`; an unreadable file is kNotFound (missing) or kIo, with the
/// path and the OS reason.
Result<CredentialsFile> LoadCredentialsFile(const std::string& path);

}  // namespace cloud_tasks::auth::gcp
