#include "auth/gcp/rsa_signer.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace cloud_tasks::auth::gcp {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// Refuses to ask for a pass phrase: key files are never encrypted, and OpenSSL's default
// callback would prompt on the terminal.
int NoPassphrase(char*, int, int, void*) { return -1; }

}  // namespace

Result<RsaSha256Signer> RsaSha256Signer::FromPem(std::string_view pem) {
  ERR_clear_error();
  std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return InternalError("cannot allocate an OpenSSL memory buffer");
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr);
  // OpenSSL's error queue may describe the key's bytes; it is dropped, never reported.
  ERR_clear_error();
  if (raw == nullptr) {
    return InvalidArgumentError("not a readable PEM private key");
  }
  std::shared_ptr<evp_pkey_st> key(raw, EVP_PKEY_free);
  if (EVP_PKEY_base_id(raw) != EVP_PKEY_RSA) {
    return InvalidArgumentError("not an RSA key (RS256 needs one)");
  }
  return RsaSha256Signer(std::move(key));
}

Result<std::string> RsaSha256Signer::Sign(std::string_view data) const {
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx) return InternalError("cannot allocate an OpenSSL digest context");
  size_t length = 0;
  bool ok = EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1 &&
            EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(data.data()),
                           data.size()) == 1;
  std::string signature(length, '\0');
  ok = ok && EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                            reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  ERR_clear_error();
  if (!ok) return InternalError("RS256 signing failed in OpenSSL");
  signature.resize(length);
  return signature;
}

int RsaSha256Signer::bits() const { return EVP_PKEY_get_bits(key_.get()); }

}  // namespace cloud_tasks::auth::gcp
