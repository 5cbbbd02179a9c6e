#include <gtest/gtest.h>

#include "auth/gcp/base64url.h"
#include "auth/gcp/form_encoding.h"

namespace cloud_tasks::auth::gcp {
namespace {

TEST(Base64Url, EncodesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, UsesTheUrlSafeAlphabet) {
  EXPECT_EQ(Base64UrlEncode(std::string("\xfb\xff\xbf", 3)), "-_-_");
  EXPECT_EQ(Base64UrlEncode(R"({"alg":"RS256","typ":"JWT"})"), "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9");
}

TEST(Base64Url, DecodesWhatItEncodes) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t n = 0; n < all.size(); n += 7) {
    std::string part = all.substr(0, n);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(part)), part);
  }
  EXPECT_EQ(Base64UrlDecode("Zm9vYg=="), "foob");
  EXPECT_FALSE(Base64UrlDecode("Zm9v+").has_value());
  EXPECT_FALSE(Base64UrlDecode("Z").has_value());
}

TEST(FormEncoding, EncodesLikePythonUrlencode) {
  // urllib.parse.urlencode({"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", ...})
  EXPECT_EQ(FormUrlEncode(
                {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", "a.b-c_d"}}),
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b-c_d");
  EXPECT_EQ(FormUrlEncode({{"scope", "a b/c"}, {"x", "~*&="}}), "scope=a+b%2Fc&x=~%2A%26%3D");
  EXPECT_EQ(FormUrlEncode({}), "");
}

TEST(FormEncoding, DecodesWhatItEncodes) {
  FormFields fields = {{"client_secret", "s3cr&t=+/ é"}, {"empty", ""}, {"refresh_token", "1//0g-x"}};
  EXPECT_EQ(FormUrlDecode(FormUrlEncode(fields)), fields);
  EXPECT_EQ(FormUrlDecode("a&b=1&&c=%zz"), (FormFields{{"a", ""}, {"b", "1"}, {"c", "%zz"}}));
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
