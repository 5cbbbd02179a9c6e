#include "auth/aws/hashing.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/sha.h>

namespace cloud_tasks::auth::aws {
namespace {

// OpenSSL 3's one-shot SHA256() and HMAC() fetch the algorithm from the provider on every
// call, which costs more than hashing a typical canonical request. Each thread keeps one
// digest context and one HMAC context instead, the algorithms fetched once. When a context
// cannot be made (no default provider) the one-shot functions are used.

struct DigestContext {
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  DigestContext() = default;
  DigestContext(const DigestContext&) = delete;
  DigestContext& operator=(const DigestContext&) = delete;
  ~DigestContext() {
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
  }
  bool ok() const { return md != nullptr && ctx != nullptr; }
};

struct MacContext {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
  bool digest_set = false;
  MacContext() {
    if (!ctx) return;
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    digest_set = EVP_MAC_CTX_set_params(ctx, params) == 1;
  }
  MacContext(const MacContext&) = delete;
  MacContext& operator=(const MacContext&) = delete;
  ~MacContext() {
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
  }
  bool ok() const { return digest_set; }
};

}  // namespace

Sha256Digest Sha256(std::string_view data) {
  Sha256Digest digest;
  thread_local DigestContext c;
  unsigned int length = 0;
  if (!c.ok() || EVP_DigestInit_ex2(c.ctx, c.md, nullptr) != 1 ||
      EVP_DigestUpdate(c.ctx, data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(c.ctx, digest.data(), &length) != 1) {
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  }
  return digest;
}

Sha256Digest HmacSha256(std::span<const unsigned char> key, std::string_view data) {
  Sha256Digest digest;
  thread_local MacContext c;
  size_t length = 0;
  if (!c.ok() || EVP_MAC_init(c.ctx, key.data(), key.size(), nullptr) != 1 ||
      EVP_MAC_update(c.ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1 ||
      EVP_MAC_final(c.ctx, digest.data(), &length, digest.size()) != 1) {
    unsigned int one_shot_length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(), &one_shot_length);
  }
  return digest;
}

void AppendHex(std::span<const unsigned char> bytes, std::string& out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  size_t at = out.size();
  out.resize(at + 2 * bytes.size());
  for (unsigned char b : bytes) {
    out[at++] = kDigits[b >> 4];
    out[at++] = kDigits[b & 0xf];
  }
}

std::string HexEncode(std::span<const unsigned char> bytes) {
  std::string out;
  AppendHex(bytes, out);
  return out;
}

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

}  // namespace cloud_tasks::auth::aws
