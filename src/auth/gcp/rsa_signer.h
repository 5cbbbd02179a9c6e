#pragma once
/// RS256 signing (RSASSA-PKCS1-v1_5 with SHA-256) with OpenSSL, for service-account JWTs.

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace cloud_tasks::auth::gcp {

class RsaSha256Signer {
 public:
  /// Reads a PEM private key ("-----BEGIN PRIVATE KEY-----", PKCS#8, as Google key files
  /// hold it, or "BEGIN RSA PRIVATE KEY", PKCS#1). kInvalidArgument when the text is not a
  /// readable PEM private key or the key is not RSA; the message never quotes the key.
  static Result<RsaSha256Signer> FromPem(std::string_view pem);

  /// The raw signature (256 bytes for a 2048-bit key) of SHA-256(data). Thread-safe.
  Result<std::string> Sign(std::string_view data) const;

  /// Key size in bits.
  int bits() const;

 private:
  explicit RsaSha256Signer(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace cloud_tasks::auth::gcp
