// ParseUrl and the XML text helpers.

#include "http/url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/xml_text.h"

namespace cloud_tasks::http {
namespace {

using ::testing::HasSubstr;

TEST(ParseUrl, SplitsEveryPart) {
  auto u = ParseUrl("HTTPS://Sts.US-East-1.amazonaws.com:8443/a/b?x=1&y=2");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "sts.us-east-1.amazonaws.com");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->path, "/a/b");
  EXPECT_EQ(u->query, "x=1&y=2");
  EXPECT_EQ(u->Origin(), "https://sts.us-east-1.amazonaws.com:8443");
  auto bare = ParseUrl("http://127.0.0.1");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->port, 0);
  EXPECT_EQ(bare->path, "/");
  EXPECT_EQ(bare->Origin(), "http://127.0.0.1");
  auto query_only = ParseUrl("http://h?a=b");
  ASSERT_TRUE(query_only.ok());
  EXPECT_EQ(query_only->path, "/");
  EXPECT_EQ(query_only->query, "a=b");
  auto v6 = ParseUrl("http://[::1]:9000/p");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(v6->port, 9000);
}

TEST(ParseUrl, RejectsWithTheReason) {
  struct Case {
    const char* url;
    const char* why;
  } cases[] = {
      {"sqs.amazonaws.com", "has no scheme"},
      {"ftp://h/", "is not http or https"},
      {"http:///path", "has no host"},
      {"http://h:0/", "invalid port"},
      {"http://h:70000/", "invalid port"},
      {"http://h:/", "invalid port"},
      {"http://h:8x/", "invalid port"},
      {"http://user:pw@h/", "user info"},
      {"http://h/#frag", "fragment"},
  };
  for (const Case& c : cases) {
    auto u = ParseUrl(c.url, "SQS endpoint");
    ASSERT_FALSE(u.ok()) << c.url;
    EXPECT_EQ(u.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_THAT(u.status().message(), HasSubstr(std::string("SQS endpoint '") + c.url + "' "));
    EXPECT_THAT(u.status().message(), HasSubstr(c.why)) << c.url;
  }
  EXPECT_THAT(ParseUrl("http://u:secretpw@h/").status().message(), HasSubstr("user info"));
}

TEST(XmlText, FindsUnescapesAndTrims) {
  const std::string xml = "<R><Arn attr=\"1\"> a&amp;b&lt;&#65;&#x42; </Arn><Empty/><Arnx>no</Arnx></R>";
  EXPECT_EQ(XmlText(xml, "Arn"), "a&b<AB");
  EXPECT_EQ(XmlText(xml, "Empty"), "");
  EXPECT_EQ(XmlElement(xml, "Empty"), std::optional<std::string_view>(""));
  EXPECT_EQ(XmlText(xml, "Missing"), "");
  EXPECT_FALSE(XmlElement("<A>unterminated", "A").has_value());
  EXPECT_EQ(XmlText(xml, "Arnx"), "no");
}

}  // namespace
}  // namespace cloud_tasks::http
