#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>

#include "core/files.h"
#include "core/logging.h"
#include "core/status.h"
#include "core/strings.h"
#include "core/time_util.h"

namespace cloud_tasks {
namespace {

Result<int> Half(int x) {
  if (x % 2) return InvalidArgumentError("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  CT_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(Status, ResultPropagates) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.status().WithContext("x").message(), "x: odd");
}

TEST(Strings, SplitJoinTrim) {
  EXPECT_EQ(SplitAny("t3 m5,c5,, ", ", "), (std::vector<std::string>{"t3", "m5", "c5"}));
  EXPECT_EQ(Join({"a", "b"}, ", "), "a, b");
  EXPECT_EQ(Trim("  x y \n"), "x y");
}

TEST(Strings, ClosestMatch) {
  std::vector<std::string> keys{"max_instances", "min_instances", "max_cpu"};
  EXPECT_EQ(ClosestMatch("max_instance", keys), "max_instances");
  EXPECT_EQ(ClosestMatch("completely_else", keys), "");
}

TEST(Strings, ShellQuote) {
  EXPECT_EQ(ShellQuote("it's"), "'it'\\''s'");
  EXPECT_EQ(ShellQuote("$(rm -rf /)"), "'$(rm -rf /)'");
}

TEST(Strings, AbbreviateKeepsUtf8Whole) {
  EXPECT_EQ(Abbreviate("abcdef", 10), "abcdef");
  EXPECT_EQ(Abbreviate("abcdefghij", 6), "abc...");
  std::string s = "ab\xC3\xA9xyz";  // é is two bytes at offsets 2-3
  EXPECT_EQ(Abbreviate(s, 6), "ab...");
}

TEST(Time, RoundTripAndOffsets) {
  auto t = ParseIsoTime("2024-01-31T12:00:00.5Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatIsoUtc(*t), "2024-01-31T12:00:00.500000+00:00");
  auto naive = ParseIsoTime("2024-01-31 12:00:00");
  auto offset = ParseIsoTime("2024-01-31T14:00:00+02:00");
  ASSERT_TRUE(naive.ok() && offset.ok());
  EXPECT_EQ(*naive, *offset);
  EXPECT_FALSE(ParseIsoTime("2024-13-01T00:00:00").ok());
  EXPECT_FALSE(ParseIsoTime("yesterday").ok());
  EXPECT_EQ(FormatHms(3725), "1h 2m 5s");
}

TEST(Logging, LineFormatAndLevels) {
  std::string line = FormatLogLine(LogLevel::kWarning, "hello");
  // 2026-11-27 23:50:10.123 WARNING - hello
  ASSERT_EQ(line.size(), 23 + std::string(" WARNING - hello").size());
  EXPECT_EQ(line[4], '-');
  EXPECT_EQ(line[10], ' ');
  EXPECT_EQ(line[19], '.');
  EXPECT_EQ(line.substr(23), " WARNING - hello");
  EXPECT_EQ(LevelForVerbosity(0), LogLevel::kWarning);
  EXPECT_EQ(LevelForVerbosity(1), LogLevel::kInfo);
  EXPECT_EQ(LevelForVerbosity(5), LogLevel::kDebug);

  std::vector<std::string> lines;
  auto old = SetLogSink([&](LogLevel, const std::string& l) { lines.push_back(l); });
  SetLogLevel(LogLevel::kWarning);
  LogInfo("hidden {}", 1);
  LogWarning("shown {}", 2);
  SetLogSink(old);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("WARNING - shown 2"), std::string::npos);
}

TEST(Files, AtomicWriteIsPrivate) {
  std::string dir = ::testing::TempDir();
  std::string path = dir + "/ct_atomic_" + std::to_string(::getpid());
  ASSERT_TRUE(WriteFileAtomic(path, "secret").ok());
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(*ReadFileToString(path), "secret");
  ::unlink(path.c_str());
  EXPECT_EQ(ReadFileToString(path).status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace cloud_tasks

#include "core/yaml_scalar.h"

namespace cloud_tasks {
namespace {

TEST(YamlScalar, PlainScalarsAreTypedLikePyYaml) {
  EXPECT_TRUE(ResolvePlainScalar("").is_null());
  EXPECT_TRUE(ResolvePlainScalar("~").is_null());
  EXPECT_EQ(ResolvePlainScalar("yes"), Json(true));
  EXPECT_EQ(ResolvePlainScalar("Off"), Json(false));
  EXPECT_EQ(ResolvePlainScalar("y"), Json("y"));
  EXPECT_EQ(ResolvePlainScalar("42"), Json(42));
  EXPECT_EQ(ResolvePlainScalar("-7"), Json(-7));
  EXPECT_EQ(ResolvePlainScalar("0x1F"), Json(31));
  EXPECT_EQ(ResolvePlainScalar("1_000"), Json(1000));
  EXPECT_EQ(ResolvePlainScalar("2.5"), Json(2.5));
  EXPECT_EQ(ResolvePlainScalar("1e3"), Json(1000.0));
  EXPECT_TRUE(std::isinf(ResolvePlainScalar("-.inf").get<double>()));
  EXPECT_EQ(ResolvePlainScalar("task-001"), Json("task-001"));
  EXPECT_EQ(ResolvePlainScalar("1.2.3"), Json("1.2.3"));
  EXPECT_EQ(ResolvePlainScalar("e5"), Json("e5"));
}

TEST(YamlScalar, OnlyStandardTags) {
  Json out;
  EXPECT_TRUE(ResolveTaggedScalar("tag:yaml.org,2002:str", "123", out));
  EXPECT_EQ(out, Json("123"));
  EXPECT_TRUE(ResolveTaggedScalar("tag:yaml.org,2002:int", "12", out));
  EXPECT_EQ(out, Json(12));
  EXPECT_FALSE(ResolveTaggedScalar("tag:yaml.org,2002:python/object", "x", out));
  EXPECT_FALSE(ResolveTaggedScalar("!custom", "x", out));
  EXPECT_FALSE(ResolveTaggedScalar("tag:yaml.org,2002:int", "abc", out));
}

}  // namespace
}  // namespace cloud_tasks
