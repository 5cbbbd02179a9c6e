#pragma once
/// The default AWS credential chain, in botocore's order with our config first:
///   1. config file keys      aws.access_key / aws.secret_key (the original's keys)
///   2. environment           AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
///   3. shared credentials file   [profile] of ~/.aws/credentials
///   4. credential_process    of the profile (config or credentials file)
///   5. shared config file    [profile p] / [default] of ~/.aws/config
///   6. instance role         IMDSv2 (then IMDSv1 fallback)
/// wrapped in a RefreshingCredentialProvider. The profile is `profile`, else
/// AWS_DEFAULT_PROFILE, else AWS_PROFILE, else "default". Nothing is read before the first
/// Load().

#include <memory>
#include <optional>
#include <string>

#include "auth/aws/credential_provider.h"
#include "auth/aws/process_runner.h"
#include "auth/aws/refreshing_credential_provider.h"
#include "auth/aws/shared_config_source.h"
#include "auth/aws/wall_clock.h"
#include "core/environment.h"
#include "http/http.h"

namespace cloud_tasks::auth::aws {

struct DefaultChainOptions {
  std::optional<std::string> access_key;  ///< aws.access_key of our config
  std::optional<std::string> secret_key;  ///< aws.secret_key of our config
  /// A profile chosen by the caller (not a key of the original's config; for a future flag).
  std::optional<std::string> profile;
  EnvLookup env;                                ///< null: the process environment
  http::HttpTransport* imds_transport = nullptr;  ///< must outlive the chain; null: no IMDS link
  std::shared_ptr<ProcessRunner> process_runner;  ///< null: fork/exec
  WallClock clock;                                ///< null: the system clock
  RefreshWindows windows;
};

/// The shared files of the options' environment and profile, for the chain and for region
/// and endpoint resolution (so all three read the files once).
std::shared_ptr<SharedConfigSource> MakeSharedConfigSource(const EnvLookup& env,
                                                           const std::optional<std::string>& profile);

/// The chain over `files` (pass the same source to ResolveRegion / ResolveEndpoint).
std::unique_ptr<CredentialProvider> MakeDefaultCredentialChain(DefaultChainOptions options,
                                                               std::shared_ptr<SharedConfigSource> files);

/// Same, with its own SharedConfigSource.
std::unique_ptr<CredentialProvider> MakeDefaultCredentialChain(DefaultChainOptions options);

}  // namespace cloud_tasks::auth::aws
