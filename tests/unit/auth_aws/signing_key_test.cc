#include "auth/aws/signing_key.h"

#include <gtest/gtest.h>

namespace cloud_tasks::auth::aws {
namespace {

Credentials Creds(std::string akid, std::string secret) {
  return Credentials{
      .access_key_id = std::move(akid), .secret_access_key = std::move(secret), .session_token = ""};
}

TEST(DeriveSigningKey, PublishedExample) {
  // AWS General Reference, "Examples of how to derive a signing key for Signature Version 4".
  SigningKey key =
      DeriveSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
  EXPECT_EQ(HexEncode(key), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(DeriveSigningKey, EachInputChangesTheKey) {
  SigningKey base = DeriveSigningKey("secret", "20240101", "us-east-1", "sqs");
  EXPECT_NE(base, DeriveSigningKey("secreT", "20240101", "us-east-1", "sqs"));
  EXPECT_NE(base, DeriveSigningKey("secret", "20240102", "us-east-1", "sqs"));
  EXPECT_NE(base, DeriveSigningKey("secret", "20240101", "us-east-2", "sqs"));
  EXPECT_NE(base, DeriveSigningKey("secret", "20240101", "us-east-1", "ec2"));
}

TEST(DeriveSigningKey, LongSecretsWork) {
  std::string secret(300, 'k');
  EXPECT_EQ(DeriveSigningKey(secret, "20240101", "r", "s"), DeriveSigningKey(secret, "20240101", "r", "s"));
  EXPECT_NE(DeriveSigningKey(secret, "20240101", "r", "s"),
            DeriveSigningKey(secret + "x", "20240101", "r", "s"));
}

TEST(SigningKeyCache, HitsForSameDayRegionServiceAndCredentials) {
  SigningKeyCache cache;
  Credentials c = Creds("AKID", "secret");
  SigningKey first = cache.Get(c, "20240101", "us-east-1", "sqs");
  SigningKey second = cache.Get(c, "20240101", "us-east-1", "sqs");
  EXPECT_EQ(first, second);
  EXPECT_EQ(first, DeriveSigningKey("secret", "20240101", "us-east-1", "sqs"));
  EXPECT_EQ(cache.misses(), 1u);
  EXPECT_EQ(cache.hits(), 1u);
}

TEST(SigningKeyCache, RotatedSecretOrNewDayIsAMiss) {
  SigningKeyCache cache;
  SigningKey a = cache.Get(Creds("AKID", "old"), "20240101", "us-east-1", "sqs");
  SigningKey b = cache.Get(Creds("AKID", "new"), "20240101", "us-east-1", "sqs");
  SigningKey c = cache.Get(Creds("AKID", "new"), "20240102", "us-east-1", "sqs");
  EXPECT_NE(a, b);
  EXPECT_NE(b, c);
  EXPECT_EQ(b, DeriveSigningKey("new", "20240101", "us-east-1", "sqs"));
  EXPECT_EQ(cache.misses(), 3u);
  EXPECT_EQ(cache.hits(), 0u);
}

TEST(SigningKeyCache, EvictsOldestAfterEightOthers) {
  SigningKeyCache cache;
  Credentials c = Creds("AKID", "s");
  for (std::string service : {"a", "b", "c", "d", "e", "f", "g", "h"}) cache.Get(c, "20240101", "r", service);
  cache.Get(c, "20240101", "r", "a");  // still cached
  EXPECT_EQ(cache.hits(), 1u);
  cache.Get(c, "20240101", "r", "i");  // evicts "a" (round robin)
  cache.Get(c, "20240101", "r", "a");
  EXPECT_EQ(cache.misses(), 10u);
  EXPECT_EQ(cache.Get(c, "20240101", "r", "a"), DeriveSigningKey("s", "20240101", "r", "a"));
  cache.Clear();
  cache.Get(c, "20240101", "r", "b");
  EXPECT_EQ(cache.misses(), 11u);
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
