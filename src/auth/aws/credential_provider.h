#pragma once
/// The CredentialProvider role: one link of the AWS credential chain (or the whole chain, or
/// a caching decorator around either).

#include <string>

#include "auth/aws/resolved_credentials.h"
#include "core/status.h"

namespace cloud_tasks::auth::aws {

class CredentialProvider {
 public:
  virtual ~CredentialProvider() = default;

  /// Resolves credentials now.
  /// - ok: the credentials and their source.
  /// - kNotFound: this source holds no credentials; the message says why in a few words
  ///   ("AWS_ACCESS_KEY_ID not set"), and a chain moves on to its next link.
  /// - any other code: the source is configured but broken (half a key pair, a malformed
  ///   file, a failing credential_process); a chain stops there, as the SDKs do.
  /// Messages never contain a secret key or a session token.
  virtual Result<ResolvedCredentials> Load() = 0;

  /// Short name of the link for messages ("environment", "instance role (IMDS)").
  virtual std::string Name() const = 0;
};

}  // namespace cloud_tasks::auth::aws
