#include "auth/aws/canonical.h"

#include <gtest/gtest.h>

#include <vector>

namespace cloud_tasks::auth::aws {
namespace {

TEST(CanonicalQueryString, EmptyIsEmpty) { EXPECT_EQ(CanonicalQueryString({}), ""); }

TEST(CanonicalQueryString, SortsByEncodedNameThenValueCaseSensitively) {
  std::vector<QueryParam> q = {{"Param2", "value2"}, {"Param1", "value1"}, {"param0", "x"}, {"B", "y"}};
  EXPECT_EQ(CanonicalQueryString(q), "B=y&Param1=value1&Param2=value2&param0=x");
}

TEST(CanonicalQueryString, RepeatedKeysSortedByValue) {
  std::vector<QueryParam> q = {{"k", "b"}, {"k", "a"}, {"k", "B"}, {"j", "z"}};
  EXPECT_EQ(CanonicalQueryString(q), "j=z&k=B&k=a&k=b");
}

TEST(CanonicalQueryString, EqualsSignAlwaysPresent) {
  std::vector<QueryParam> q = {{"empty", ""}, {"", "nameless"}, {"", ""}};
  EXPECT_EQ(CanonicalQueryString(q), "=&=nameless&empty=");
}

TEST(CanonicalQueryString, EncodesNamesAndValuesIncludingSlashAndSpace) {
  std::vector<QueryParam> q = {{"a b", "c/d=e+f"}, {"ሴ", "~-._"}};
  EXPECT_EQ(CanonicalQueryString(q), "%E1%88%B4=~-._&a%20b=c%2Fd%3De%2Bf");
}

TEST(CanonicalQueryString, SortIsOnEncodedForm) {
  // Raw '~' (0x7E) sorts after 'a', and stays '~'; raw ' ' becomes "%20" which sorts first.
  std::vector<QueryParam> q = {{"~", "1"}, {"a", "2"}, {" ", "3"}};
  EXPECT_EQ(CanonicalQueryString(q), "%20=3&a=2&~=1");
}

TEST(TrimAll, TrimsAndCollapsesWhitespaceRuns) {
  EXPECT_EQ(TrimAll("  value1 "), "value1");
  EXPECT_EQ(TrimAll("\"a   b   c\""), "\"a b c\"");
  EXPECT_EQ(TrimAll("value1\n  value2\n     value3"), "value1 value2 value3");
  EXPECT_EQ(TrimAll("\t a \t\tb\t"), "a b");
  EXPECT_EQ(TrimAll("   "), "");
  EXPECT_EQ(TrimAll(""), "");
}

TEST(CanonicalHeaders, LowerCasesSortsAndListsSignedNames) {
  std::vector<Header> h = {
      {"X-Amz-Date", "20150830T123600Z"}, {"Host", "example.amazonaws.com"}, {"My-Header1", " value1 "}};
  CanonicalHeaderBlock block = CanonicalHeaders(h);
  EXPECT_EQ(block.canonical, "host:example.amazonaws.com\nmy-header1:value1\nx-amz-date:20150830T123600Z\n");
  EXPECT_EQ(block.signed_headers, "host;my-header1;x-amz-date");
}

TEST(CanonicalHeaders, RepeatedNamesJoinValuesInOriginalOrder) {
  std::vector<Header> h = {
      {"My-Header1", "value4"}, {"host", "h"}, {"my-header1", " value1"}, {"MY-HEADER1", "value3 "}};
  CanonicalHeaderBlock block = CanonicalHeaders(h);
  EXPECT_EQ(block.canonical, "host:h\nmy-header1:value4,value1,value3\n");
  EXPECT_EQ(block.signed_headers, "host;my-header1");
}

TEST(CanonicalHeaders, ValuesKeepTheirCase) {
  std::vector<Header> h = {{"My-Header1", "VALUE1"}};
  EXPECT_EQ(CanonicalHeaders(h).canonical, "my-header1:VALUE1\n");
}

TEST(HashedPayload, IsHexSha256OfTheBody) {
  EXPECT_EQ(HashedPayload(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // post-x-www-form-urlencoded in the AWS test suite.
  EXPECT_EQ(HashedPayload("Param1=value1"),
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
}

TEST(CanonicalRequest, JoinsPartsWithABlankLineAfterHeaders) {
  // get-vanilla in the AWS test suite.
  EXPECT_EQ(
      CanonicalRequest("GET", "/", "", "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n",
                       "host;x-amz-date", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
