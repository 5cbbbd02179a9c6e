#include "auth/aws/ini_file.h"

#include <gtest/gtest.h>

#include "chain_test_support.h"

namespace cloud_tasks::auth::aws {
namespace {

using testing::kSecret;

TEST(IniFile, ParsesSectionsKeysCommentsAndWhitespace) {
  auto doc = ParseIni(
      "# comment\n"
      "; another\n"
      "[default]\n"
      "  # indented comment\n"
      "Region = us-west-2  \n"
      "output:json\n"
      "\n"
      "[profile dev]\n"
      "region=eu-west-1 # not a comment\n",
      "cfg");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->sections.size(), 2u);
  const IniSection* def = doc->Find("default");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->Get("region"), "us-west-2");  // keys lower-cased, value trimmed
  EXPECT_EQ(def->Get("output"), "json");
  EXPECT_EQ(def->line, 3);
  EXPECT_EQ(doc->Find("profile dev")->Get("region"), "eu-west-1 # not a comment");
  EXPECT_EQ(doc->Find("nope"), nullptr);
}

TEST(IniFile, NestedSubsectionsAndContinuationLines) {
  auto doc = ParseIni(
      "[services local]\n"
      "sqs =\n"
      "  endpoint_url = http://localhost:4566\n"
      "  other = x\n"
      "s3 =\n"
      "    addressing_style = path\n"
      "note = first\n"
      "   second\n",
      "cfg");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const IniSection* s = doc->Find("services local");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->values.at("sqs").nested.at("endpoint_url"), "http://localhost:4566");
  EXPECT_EQ(s->values.at("sqs").nested.at("other"), "x");
  EXPECT_EQ(s->values.at("s3").nested.at("addressing_style"), "path");
  EXPECT_EQ(s->Get("note"), "first\nsecond");
  EXPECT_TRUE(s->values.at("note").nested.empty());
}

TEST(IniFile, DefaultSectionAppliesToEverySection) {
  auto doc = ParseIni("[DEFAULT]\nregion = r0\n[a]\nx = 1\n[b]\nregion = r2\n", "cfg");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->sections.size(), 2u);
  EXPECT_EQ(doc->Find("a")->Get("region"), "r0");
  EXPECT_EQ(doc->Find("b")->Get("region"), "r2");
}

TEST(IniFile, TextAfterTheSectionHeaderIsIgnoredLikeConfigparser) {
  auto doc = ParseIni("[default] ; the main one\nregion = r\n", "cfg");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->Find("default")->Get("region"), "r");
  EXPECT_FALSE(ParseIni("[]\n", "cfg").ok());
}

TEST(IniFile, CrLfLineEndings) {
  auto doc = ParseIni("[default]\r\naws_access_key_id = AKID\r\n", "cfg");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->Find("default")->Get("aws_access_key_id"), "AKID");
}

struct Malformed {
  const char* text;
  const char* expect;  // substring of the message
};

class IniFileMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(IniFileMalformed, ErrorNamesFileAndLineButNotTheLine) {
  auto doc = ParseIni(GetParam().text, "/home/u/.aws/credentials");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(doc.status().message().find(GetParam().expect), std::string::npos) << doc.status().message();
  EXPECT_EQ(doc.status().message().find(kSecret), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, IniFileMalformed,
    ::testing::Values(
        Malformed{"aws_access_key_id = AKID\n", "/home/u/.aws/credentials:1: a key before the first [section]"},
        Malformed{"[default]\naws_access_key_id = AKID\naws_secret_access_key wJalrXUtnFEMI/K7MDENG/"
                  "bPxRfiCYSECRETKEY\n",
                  "/home/u/.aws/credentials:3: expected 'key = value'"},
        Malformed{"[default]\n= value\n", ":2: a value without a key"},
        Malformed{"[a]\nx=1\n[a]\n", ":3: section [a] appears twice"},
        Malformed{"[a]\nx=1\nX=2\n", ":3: key 'x' appears twice"},
        Malformed{"[a]\ns3 =\n  no_equals_here\n", ":2: nested value of 's3'"}));

TEST(IniFile, LoadMissingFileIsEmptyNotAnError) {
  auto doc = LoadIniFile("/nonexistent/dir/credentials");
  ASSERT_TRUE(doc.ok());
  EXPECT_FALSE(doc->has_value());
}

TEST(IniFile, LoadReadsAFile) {
  testing::TempDir dir;
  std::string path = dir.Write("config", "[default]\nregion = ap-south-1\n");
  auto doc = LoadIniFile(path);
  ASSERT_TRUE(doc.ok());
  ASSERT_TRUE(doc->has_value());
  EXPECT_EQ((*doc)->path, path);
  EXPECT_EQ((*doc)->Find("default")->Get("region"), "ap-south-1");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
