#include "auth/aws/hashing.h"

#include <gtest/gtest.h>

#include <string>

namespace cloud_tasks::auth::aws {
namespace {

std::span<const unsigned char> Bytes(std::string_view s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

TEST(Sha256, KnownDigests) {
  // FIPS 180-2 example and the empty string (SigV4's empty-payload hash).
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, HandlesEmbeddedNulBytes) {
  std::string with_nul("a\0b", 3);
  EXPECT_NE(Sha256Hex(with_nul), Sha256Hex("a"));
  EXPECT_EQ(Sha256Hex(with_nul), Sha256Hex(std::string("a\0b", 3)));
}

TEST(HmacSha256, Rfc4231TestCase2) {
  Sha256Digest mac = HmacSha256(Bytes("Jefe"), "what do ya want for nothing?");
  EXPECT_EQ(HexEncode(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Hex, LowerCaseTwoDigitsPerByte) {
  const unsigned char bytes[] = {0x00, 0x0f, 0xa0, 0xff};
  EXPECT_EQ(HexEncode(bytes), "000fa0ff");
  std::string out = "x";
  AppendHex(bytes, out);
  EXPECT_EQ(out, "x000fa0ff");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
