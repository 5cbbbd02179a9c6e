#pragma once
/// The SigV4 signing key, derived from the secret by an HMAC chain:
///   kDate = HMAC("AWS4" + secret, yyyymmdd); kRegion = HMAC(kDate, region);
///   kService = HMAC(kRegion, service); kSigning = HMAC(kService, "aws4_request").
/// It depends only on (secret, day, region, service), so SigningKeyCache keeps recent keys.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/aws/credentials.h"
#include "auth/aws/hashing.h"

namespace cloud_tasks::auth::aws {

using SigningKey = Sha256Digest;

/// `date` is the day as "yyyymmdd".
SigningKey DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                            std::string_view region, std::string_view service);

/// The 8 most recent signing keys, keyed by (access key id, secret, day, region, service); a
/// changed secret (rotated credentials) is a miss. Not thread-safe: one cache per thread or
/// per signer guarded by the caller. Holds key material: never print it.
class SigningKeyCache {
 public:
  /// The key for these inputs, derived on a miss (evicting the oldest entry).
  const SigningKey& Get(const Credentials& credentials, std::string_view date, std::string_view region,
                        std::string_view service);

  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  void Clear();

 private:
  struct Entry {
    bool used = false;
    std::string access_key_id;
    std::string secret_access_key;
    std::string date;
    std::string region;
    std::string service;
    SigningKey key{};
  };
  static constexpr size_t kEntries = 8;
  std::array<Entry, kEntries> entries_;
  size_t next_ = 0;  // round-robin victim
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

}  // namespace cloud_tasks::auth::aws
