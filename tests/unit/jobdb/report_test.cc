// Report text: statistics block (CLI-62) and final report (CLI-60), line by line.

#include "jobdb/report.h"

#include <gtest/gtest.h>

#include "jobdb_test_util.h"

namespace cloud_tasks::jobdb {
namespace {

std::vector<std::string> KnownBlock(const std::string& header) {
  return {header,
          "  Total tasks: 10",
          "  Heard from: 8",
          "    completed: 5",
          "    exception: 1",
          "    exception_with_retry: 1",
          "    timed_out: 1",
          "  Still in original queue: 1",
          "  Not yet sent to queue: 1",
          "  Exceptions:",
          "         2: Traceback (most recent call last):...ValueError: bad",
          "  Elapsed time statistics, completed tasks (5):",
          "    Range:  1.00 to 5.00 seconds",
          "    Mean:   3.00 +/- 1.41 seconds",
          "    Median: 3.00 seconds",
          "    90th %: 4.60 seconds",
          "    95th %: 4.80 seconds",
          "  Elapsed time statistics, all tasks with an elapsed time (8):",
          "    Range:  1.00 to 30.00 seconds",
          "    Mean:   9.38 +/- 9.69 seconds",
          "    Median: 4.50 seconds",
          "    90th %: 23.00 seconds",
          "    95th %: 26.50 seconds",
          "  Remaining tasks: t10, t7, t9",
          "  Elapsed time: 1h 0m 0s",
          "  Tasks/hour: 5.0",
          "  Spot terminations: 2 hosts",
          "    h1",
          "    h2",
          ""};
}

JobStatistics KnownStatistics() {
  auto store = testing::CreateStore(testing::TestDbPath(), "2024-05-01T10:00:00Z");
  testing::BuildKnownJob(*store);
  auto stats = CollectStatistics(*store);
  EXPECT_TRUE(stats.ok());
  return *stats;
}

TEST(Report, StatisticsBlock) {
  EXPECT_EQ(StatisticsBlockLines(KnownStatistics(), "Summary:"), KnownBlock("Summary:"));
}

TEST(Report, FinalReport) {
  std::vector<std::string> expected = {"",
                                       std::string(60, '='),
                                       "",
                                       "********************",
                                       "*** JOB COMPLETE ***",
                                       "********************",
                                       "",
                                       "Total tasks: 10",
                                       "  Completed: 5",
                                       "  Exception: 1",
                                       "  Exception_with_retry: 1",
                                       "  In_queue_original: 1",
                                       "  Pending: 1",
                                       "  Timed_out: 1"};
  for (auto& line : KnownBlock("Final:")) expected.push_back(line);
  expected.push_back(std::string(60, '='));
  EXPECT_EQ(FinalReportLines(KnownStatistics()), expected);
}

TEST(Report, MinimalBlockForAFreshJob) {
  JobStatistics stats;
  stats.total = 3;
  stats.counts = {{"in_queue_original", 3}};
  stats.in_queue_original = 3;
  EXPECT_EQ(StatisticsBlockLines(stats, "Status:"),
            (std::vector<std::string>{"Status:", "  Total tasks: 3", "  Heard from: 0",
                                      "  Still in original queue: 3", ""}));
}

TEST(Report, ExceptionDisplayText) {
  EXPECT_EQ(ExceptionDisplayText("  ZeroDivisionError: division by zero\n"),
            "ZeroDivisionError: division by zero");
  EXPECT_EQ(ExceptionDisplayText("first\r\nmiddle\nlast\n"), "first...last");
  EXPECT_EQ(ExceptionDisplayText("one\ntwo"), "one...two");
  EXPECT_EQ(ExceptionDisplayText(std::string(150, 'x')), std::string(100, 'x'));
  // Cut by characters, never inside a UTF-8 sequence.
  std::string accents;
  for (int i = 0; i < 120; ++i) accents += "\xC3\xA9";  // é
  std::string shown = ExceptionDisplayText(accents);
  EXPECT_EQ(shown.size(), 200u);
  EXPECT_EQ(shown.substr(0, 2), "\xC3\xA9");
}

TEST(Report, ExceptionCountIsRightAligned) {
  JobStatistics stats;
  stats.top_exceptions = {{"E", 123456}, {"F", 7}};
  auto lines = StatisticsBlockLines(stats, "Summary:");
  EXPECT_NE(std::find(lines.begin(), lines.end(), "    123456: E"), lines.end());
  EXPECT_NE(std::find(lines.begin(), lines.end(), "         7: F"), lines.end());
}

}  // namespace
}  // namespace cloud_tasks::jobdb
