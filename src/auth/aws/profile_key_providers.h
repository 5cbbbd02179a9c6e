#pragma once
/// Keys stored in a profile of the shared files (botocore's SharedCredentialProvider and
/// ConfigProvider): aws_access_key_id, aws_secret_access_key and aws_session_token (or the
/// legacy aws_security_token).

#include <memory>
#include <string>

#include "auth/aws/credential_provider.h"
#include "auth/aws/shared_config_source.h"

namespace cloud_tasks::auth::aws {

/// `[profile]` of the credentials file. Source "shared credentials file <path> profile <p>".
/// kNotFound when the file, the section or aws_access_key_id is absent; kInvalidArgument
/// for a malformed file, a named profile defined nowhere, or an access key without a
/// secret.
class SharedCredentialsFileProvider : public CredentialProvider {
 public:
  explicit SharedCredentialsFileProvider(std::shared_ptr<SharedConfigSource> files)
      : files_(std::move(files)) {}

  Result<ResolvedCredentials> Load() override;
  std::string Name() const override { return "shared credentials file"; }

 private:
  std::shared_ptr<SharedConfigSource> files_;
};

/// `[profile p]` (or `[default]`) of the config file. Source "shared config file <path>
/// profile <p>". Same outcomes as above.
class SharedConfigFileProvider : public CredentialProvider {
 public:
  explicit SharedConfigFileProvider(std::shared_ptr<SharedConfigSource> files)
      : files_(std::move(files)) {}

  Result<ResolvedCredentials> Load() override;
  std::string Name() const override { return "shared config file"; }

 private:
  std::shared_ptr<SharedConfigSource> files_;
};

}  // namespace cloud_tasks::auth::aws
