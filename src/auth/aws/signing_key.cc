#include "auth/aws/signing_key.h"

#include <openssl/crypto.h>

#include <algorithm>

namespace cloud_tasks::auth::aws {
namespace {

std::span<const unsigned char> Bytes(const SigningKey& key) { return {key.data(), key.size()}; }

}  // namespace

SigningKey DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                            std::string_view region, std::string_view service) {
  // "AWS4" + secret without a heap allocation for secrets of ordinary length (40 chars).
  std::array<unsigned char, 128> stack_key;
  std::string heap_key;
  std::span<const unsigned char> first_key;
  if (secret_access_key.size() + 4 <= stack_key.size()) {
    std::copy_n("AWS4", 4, stack_key.begin());
    std::copy(secret_access_key.begin(), secret_access_key.end(), stack_key.begin() + 4);
    first_key = {stack_key.data(), secret_access_key.size() + 4};
  } else {
    heap_key = "AWS4";
    heap_key += secret_access_key;
    first_key = {reinterpret_cast<const unsigned char*>(heap_key.data()), heap_key.size()};
  }
  SigningKey k_date = HmacSha256(first_key, date);
  OPENSSL_cleanse(stack_key.data(), stack_key.size());
  SigningKey k_region = HmacSha256(Bytes(k_date), region);
  SigningKey k_service = HmacSha256(Bytes(k_region), service);
  return HmacSha256(Bytes(k_service), "aws4_request");
}

const SigningKey& SigningKeyCache::Get(const Credentials& credentials, std::string_view date,
                                       std::string_view region, std::string_view service) {
  for (const Entry& e : entries_) {
    if (e.used && e.date == date && e.region == region && e.service == service &&
        e.access_key_id == credentials.access_key_id &&
        e.secret_access_key == credentials.secret_access_key) {
      ++hits_;
      return e.key;
    }
  }
  ++misses_;
  Entry& e = entries_[next_];
  next_ = (next_ + 1) % kEntries;
  e.used = true;
  e.access_key_id = credentials.access_key_id;
  e.secret_access_key = credentials.secret_access_key;
  e.date = date;
  e.region = region;
  e.service = service;
  e.key = DeriveSigningKey(credentials.secret_access_key, date, region, service);
  return e.key;
}

void SigningKeyCache::Clear() {
  for (Entry& e : entries_) e = Entry{};
  next_ = 0;
}

}  // namespace cloud_tasks::auth::aws
