#pragma once
/// The `credential_process` link (botocore's ProcessProvider): the profile names a command,
/// run without a shell (shlex-split), whose stdout is JSON:
///   {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...",
///    "SessionToken": "...", "Expiration": "2026-11-28T12:00:00Z"}
/// SessionToken and Expiration are optional; with an Expiration the credentials are
/// refreshed by running the command again (see RefreshingCredentialProvider).

#include <memory>
#include <string>
#include <string_view>

#include "auth/aws/credential_provider.h"
#include "auth/aws/process_runner.h"
#include "auth/aws/shared_config_source.h"

namespace cloud_tasks::auth::aws {

/// Parses the command's stdout. Errors (kInvalidArgument) name the problem — not JSON (with
/// the byte offset, never the text), "Unsupported version '2' for credential process
/// provider, supported versions: 1", "Missing required key in response: 'AccessKeyId'", a
/// field that is not a string, an unparseable Expiration — never a value.
Result<ResolvedCredentials> ParseCredentialProcessOutput(std::string_view stdout_text);

/// Source "credential_process in profile <p>". kNotFound when the profile has no
/// credential_process (or the files/profile are absent). Failures are kFailedPrecondition
/// (the chain stops): the command cannot be split or started, exits non-zero (the message
/// carries its exit status and its stderr, trimmed and cut to 1,000 bytes), or prints bad
/// output. Only the program name (argv[0]) is quoted, never its arguments.
class CredentialProcessProvider : public CredentialProvider {
 public:
  CredentialProcessProvider(std::shared_ptr<SharedConfigSource> files, std::shared_ptr<ProcessRunner> runner)
      : files_(std::move(files)), runner_(std::move(runner)) {}

  Result<ResolvedCredentials> Load() override;
  std::string Name() const override { return "credential_process"; }

 private:
  std::shared_ptr<SharedConfigSource> files_;
  std::shared_ptr<ProcessRunner> runner_;
};

}  // namespace cloud_tasks::auth::aws
