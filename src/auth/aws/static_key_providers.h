#pragma once
/// The first two links of the chain: keys written in our own config file (the original's
/// `aws.access_key` / `aws.secret_key`, like boto3's explicit client arguments) and the
/// environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN).

#include <optional>
#include <string>

#include "auth/aws/credential_provider.h"
#include "core/environment.h"

namespace cloud_tasks::auth::aws {

/// Source "config file keys". Neither key set: kNotFound. Only one set: kInvalidArgument
/// naming the missing key (botocore's PartialCredentialsError for explicit keys).
class ConfigKeysProvider : public CredentialProvider {
 public:
  ConfigKeysProvider(std::optional<std::string> access_key, std::optional<std::string> secret_key)
      : access_key_(std::move(access_key)), secret_key_(std::move(secret_key)) {}

  Result<ResolvedCredentials> Load() override;
  std::string Name() const override { return "config keys aws.access_key/aws.secret_key"; }

 private:
  std::optional<std::string> access_key_;
  std::optional<std::string> secret_key_;
};

/// Source "environment". Reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (empty = unset);
/// the token from AWS_SESSION_TOKEN, else the legacy AWS_SECURITY_TOKEN; an optional
/// AWS_CREDENTIAL_EXPIRATION (ISO 8601) makes the credentials expire.
/// Neither key set: kNotFound. One set without the other: kInvalidArgument naming the
/// missing variable (botocore only reports a missing secret; a lone secret is an error
/// here too, since it is surely a mistake).
class EnvironmentProvider : public CredentialProvider {
 public:
  explicit EnvironmentProvider(EnvLookup env) : env_(std::move(env)) {}

  Result<ResolvedCredentials> Load() override;
  std::string Name() const override { return "environment"; }

 private:
  EnvLookup env_;
};

}  // namespace cloud_tasks::auth::aws
