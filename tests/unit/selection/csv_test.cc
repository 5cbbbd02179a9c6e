#include "compute/selection/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cloud_tasks::compute::selection {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(SplitCsvLineTest, PlainFields) {
  auto f = SplitCsvLine("a,b,,d");
  ASSERT_TRUE(f.ok());
  EXPECT_THAT(*f, ElementsAre("a", "b", "", "d"));
}

TEST(SplitCsvLineTest, QuotedFieldsKeepCommasAndDoubledQuotes) {
  auto f = SplitCsvLine(R"(x,"{'a': 1, 'b': 2}","say ""hi""",z)");
  ASSERT_TRUE(f.ok());
  EXPECT_THAT(*f, ElementsAre("x", "{'a': 1, 'b': 2}", "say \"hi\"", "z"));
}

TEST(SplitCsvLineTest, TrailingCarriageReturnAndEmptyLastField) {
  auto f = SplitCsvLine("a,b,\r");
  ASSERT_TRUE(f.ok());
  EXPECT_THAT(*f, ElementsAre("a", "b", ""));
}

TEST(SplitCsvLineTest, UnterminatedQuoteIsAnError) {
  auto f = SplitCsvLine("a,\"b,c");
  ASSERT_FALSE(f.ok());
  EXPECT_THAT(f.status().message(), HasSubstr("unterminated quoted field starting at column 3"));
}

TEST(SplitCsvLineTest, TextAfterClosingQuoteIsAnError) { EXPECT_FALSE(SplitCsvLine("\"a\"b,c").ok()); }

TEST(ParseCsvNumberTest, AcceptsDecimalsOnly) {
  EXPECT_EQ(ParseCsvNumber("0.268066"), 0.268066);
  EXPECT_EQ(ParseCsvNumber(" 8 "), 8.0);
  EXPECT_EQ(ParseCsvNumber("1e-3"), 0.001);
  EXPECT_EQ(ParseCsvNumber("+2"), 2.0);
  EXPECT_FALSE(ParseCsvNumber(""));
  EXPECT_FALSE(ParseCsvNumber("abc"));
  EXPECT_FALSE(ParseCsvNumber("1.5x"));
  EXPECT_FALSE(ParseCsvNumber("nan"));
  EXPECT_FALSE(ParseCsvNumber("inf"));
}

TEST(CsvHeaderTest, FindsColumnsAndRejectsDuplicates) {
  auto h = CsvHeader::Create({"A", " B ", "C"});
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->Find("B"), 1u);
  EXPECT_FALSE(h->Find("D"));
  auto dup = CsvHeader::Create({"A", "A"});
  ASSERT_FALSE(dup.ok());
  EXPECT_THAT(dup.status().message(), HasSubstr("'A' appears twice"));
}

}  // namespace
}  // namespace cloud_tasks::compute::selection
