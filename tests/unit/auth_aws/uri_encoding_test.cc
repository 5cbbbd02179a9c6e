#include "auth/aws/uri_encoding.h"

#include <gtest/gtest.h>

namespace cloud_tasks::auth::aws {
namespace {

TEST(UriEncode, KeepsOnlyUnreserved) {
  EXPECT_EQ(UriEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(UriEncode("a b+c*d%e"), "a%20b%2Bc%2Ad%25e");
  EXPECT_EQ(UriEncode("!$&'()*+,;=:@?#[]"), "%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40%3F%23%5B%5D");
}

TEST(UriEncode, SlashOnlyKeptForPaths) {
  EXPECT_EQ(UriEncode("a/b"), "a%2Fb");
  EXPECT_EQ(UriEncode("a/b", true), "a/b");
  EXPECT_EQ(EncodeWirePath("/my key/ሴ"), "/my%20key/%E1%88%B4");
}

TEST(UriEncode, Utf8AndBinaryBytesUpperCaseHex) {
  EXPECT_EQ(UriEncode("ሴ"), "%E1%88%B4");
  EXPECT_EQ(UriEncode(std::string("\x00\xff\x7f", 3)), "%00%FF%7F");
}

TEST(NormalizeUriPath, FollowsBotocore) {
  EXPECT_EQ(NormalizeUriPath(""), "/");
  EXPECT_EQ(NormalizeUriPath("/"), "/");
  EXPECT_EQ(NormalizeUriPath("//"), "/");
  EXPECT_EQ(NormalizeUriPath("/./"), "/");
  EXPECT_EQ(NormalizeUriPath("/example/.."), "/");
  EXPECT_EQ(NormalizeUriPath("/example1/example2/../.."), "/");
  EXPECT_EQ(NormalizeUriPath("//example//"), "/example/");
  EXPECT_EQ(NormalizeUriPath("/./example"), "/example");
  EXPECT_EQ(NormalizeUriPath("/../a/./b/../c/"), "/a/c/");
  EXPECT_EQ(NormalizeUriPath("a/b"), "a/b");
  EXPECT_EQ(NormalizeUriPath("/a/.b/c."), "/a/.b/c.");
}

TEST(CanonicalUri, NonS3ServicesNormaliseThenEncodeAgain) {
  // The wire path is already encoded; encoding it again turns '%' into "%25".
  EXPECT_EQ(CanonicalUri("/a%20b/./c//d/", "sqs", UriPathMode::kAuto), "/a%2520b/c/d/");
  EXPECT_EQ(CanonicalUri("/example space/", "ec2", UriPathMode::kAuto), "/example%20space/");
  EXPECT_EQ(CanonicalUri("", "sts", UriPathMode::kAuto), "/");
  EXPECT_EQ(CanonicalUri("/a/../b", "s3", UriPathMode::kNormalizeAndEncode), "/b");
}

TEST(CanonicalUri, S3EncodesOnceWithoutNormalising) {
  EXPECT_EQ(CanonicalUri("/bucket/a%20b//../c", "s3", UriPathMode::kAuto), "/bucket/a%20b//../c");
  EXPECT_EQ(CanonicalUri("/bucket/a b/ሴ", "s3", UriPathMode::kAuto), "/bucket/a%20b/%E1%88%B4");
  EXPECT_EQ(CanonicalUri("//x/./", "sqs", UriPathMode::kEncodeOnce), "//x/./");
  EXPECT_EQ(CanonicalUri("", "s3", UriPathMode::kAuto), "/");
}

TEST(CanonicalUri, AppendsToExistingText) {
  std::string out = "GET\n";
  AppendCanonicalUri("/x y", "sqs", UriPathMode::kAuto, out);
  EXPECT_EQ(out, "GET\n/x%20y");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
