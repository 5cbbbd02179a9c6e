#include "auth/aws/shell_split.h"

#include <gtest/gtest.h>

namespace cloud_tasks::auth::aws {
namespace {

using Words = std::vector<std::string>;

struct SplitCase {
  const char* command;
  Words words;  // as Python's shlex.split gives them
};

class ShellSplitCases : public ::testing::TestWithParam<SplitCase> {};

TEST_P(ShellSplitCases, MatchesShlex) {
  auto words = ShellSplit(GetParam().command);
  ASSERT_TRUE(words.ok()) << words.status().ToString();
  EXPECT_EQ(*words, GetParam().words);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ShellSplitCases,
    ::testing::Values(SplitCase{"/bin/get-creds --profile dev", {"/bin/get-creds", "--profile", "dev"}},
                      SplitCase{"  a\t b  ", {"a", "b"}},
                      SplitCase{"'a b' \"c d\"", {"a b", "c d"}},
                      SplitCase{"a'b'\"c\"", {"abc"}},
                      SplitCase{"a '' b", {"a", "", "b"}},
                      SplitCase{"\"a\\\"b\\\\c\\d\"", {"a\"b\\c\\d"}},
                      SplitCase{"'a\\b'", {"a\\b"}},
                      SplitCase{"a\\ b c", {"a b", "c"}},
                      SplitCase{"x #y", {"x", "#y"}},
                      SplitCase{"", {}}));

TEST(ShellSplit, UnclosedQuoteIsAnErrorWithoutTheCommand) {
  auto words = ShellSplit("get --password 'hunter2");
  ASSERT_FALSE(words.ok());
  EXPECT_EQ(words.status().message(), "No closing quotation");
  EXPECT_FALSE(ShellSplit("a \"b").ok());
}

TEST(ShellSplit, TrailingBackslashIsAnError) {
  auto words = ShellSplit("a \\");
  ASSERT_FALSE(words.ok());
  EXPECT_EQ(words.status().message(), "No escaped character");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
