// Key table helpers, CheckValue, flag parsing and DescribeSettings.
#include "config/values.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.h"
#include "config/derived.h"
#include "config_test_util.h"

namespace cloud_tasks::config {
namespace {

using ::testing::Contains;
using testing::ErrorOf;
using ::testing::HasSubstr;
using ::testing::Not;

const KeyInfo& Key(std::string_view name) {
  const KeyInfo* key = FindKey(name);
  EXPECT_NE(key, nullptr) << name;
  return *key;
}

TEST(Keys, TableLookups) {
  EXPECT_EQ(FindKey("max-instances"), FindKey("max_instances"));
  EXPECT_EQ(FindKey("max_instances")->name, "max_instances");
  EXPECT_EQ(FindKey("nope"), nullptr);
  EXPECT_EQ(DashedName("max_total_price_per_hour"), "max-total-price-per-hour");
  EXPECT_STREQ(KeyTypeName(KeyType::kStringList), "list of strings");
  EXPECT_EQ(FlagName(Key("use_spot")), "--use-spot");
  EXPECT_EQ(AllKeys().front().name, "job_id");
  EXPECT_EQ(AllKeys().back().name, "db_file");
}

TEST(Keys, PairsAreTheThirteenOfCfg05) {
  std::vector<std::string> pairs;
  for (const auto& key : AllKeys()) {
    if (PairedMax(key)) pairs.emplace_back(key.name.substr(4));
  }
  EXPECT_EQ(pairs, (std::vector<std::string>{"instances", "total_cpus", "tasks_per_instance",
                                             "simultaneous_tasks", "total_price_per_hour", "cpu_rank", "cpu",
                                             "total_memory", "memory_per_cpu", "memory_per_task", "local_ssd",
                                             "local_ssd_per_cpu", "local_ssd_per_task"}));
}

TEST(CheckValue, MessageFormats) {
  EXPECT_EQ(ErrorOf(CheckValue(Key("max_cpu"), 0, "max_cpu", "--max-cpu")), "--max-cpu: must be > 0 (got 0)");
  EXPECT_EQ(ErrorOf(CheckValue(Key("max_cpu"), 0, "gcp.max_cpu", "c.yml:3:12")),
            "c.yml:3:12: gcp.max_cpu: must be > 0 (got 0)");
  EXPECT_TRUE(CheckValue(Key("max_cpu"), 4, "run.max_cpu", "x").ok());
  EXPECT_TRUE(CheckValue(Key("cpus_per_task"), 0.5, "run.cpus_per_task", "x").ok());
  EXPECT_TRUE(CheckValue(Key("cpus_per_task"), 2, "run.cpus_per_task", "x").ok());
  EXPECT_TRUE(CheckValue(Key("instance_types"), "n2", "run.instance_types", "x").ok());
  EXPECT_TRUE(CheckValue(Key("architecture"), "Arm64", "run.architecture", "x").ok());
  EXPECT_THAT(ErrorOf(CheckValue(Key("max_cpu"), nullptr, "run.max_cpu", "x")),
              HasSubstr("must be an integer (got nothing)"));
}

TEST(CheckValue, SecretNeverEchoed) {
  for (const Json& value :
       {Json(42), Json(true), Json::array({"hunter2"}), Json::object({{"k", "hunter2"}})}) {
    std::string message =
        ErrorOf(CheckValue(Key("client_secret"), value, "azure.client_secret", "c.yml:1:1"));
    EXPECT_THAT(message, HasSubstr("azure.client_secret: must be a string"));
    EXPECT_THAT(message, Not(HasSubstr("42")));
    EXPECT_THAT(message, Not(HasSubstr("hunter2")));
  }
}

TEST(ParseFlagValue, TypesAndSplitting) {
  EXPECT_EQ(*ParseFlagValue(Key("max_cpu"), {"8"}), Json(8));
  EXPECT_EQ(*ParseFlagValue(Key("cpus_per_task"), {"0.5"}), Json(0.5));
  EXPECT_EQ(*ParseFlagValue(Key("use_spot"), {"yes"}), Json(true));
  EXPECT_EQ(*ParseFlagValue(Key("job_id"), {"job-1"}), Json("job-1"));
  EXPECT_EQ(*ParseFlagValue(Key("instance_types"), {"t3 m5,c5", "r6"}),
            Json::array({"t3", "m5", "c5", "r6"}));
  EXPECT_EQ(*ParseFlagValue(Key("boot_disk_types"), {"PD-SSD"}), Json::array({"pd-ssd"}));
  EXPECT_EQ(*ParseFlagValue(Key("architecture"), {"arm64"}), Json("ARM64"));
  EXPECT_EQ(ErrorOf(ParseFlagValue(Key("max_cpu"), {"0"})), "--max-cpu: must be > 0 (got 0)");
  EXPECT_EQ(ErrorOf(ParseFlagValue(Key("max_cpu"), {"abc"})), "--max-cpu: must be an integer (got 'abc')");
  EXPECT_EQ(ErrorOf(ParseFlagValue(Key("max_cpu"), {"1", "2"})),
            "--max-cpu: takes exactly one value (got 2)");
  EXPECT_EQ(ErrorOf(ParseFlagValue(Key("instance_types"), {" , "})),
            "--instance-types: needs at least one value");
  EXPECT_THAT(ErrorOf(ParseFlagValue(Key("instance_types"), {"(x"})),
              HasSubstr("--instance-types: invalid regular expression '(x'"));
}

TEST(FormatValue, Shapes) {
  EXPECT_EQ(FormatValue(Key("image"), "ubuntu"), "ubuntu");
  EXPECT_EQ(FormatValue(Key("instance_types"), Json::array({"a", "b"})), "[a, b]");
  EXPECT_EQ(FormatValue(Key("cpus_per_task"), 1.5), "1.5");
  EXPECT_EQ(FormatValue(Key("use_spot"), true), "true");
  EXPECT_EQ(FormatValue(Key("secret_key"), "x"), "<redacted>");
  EXPECT_EQ(FormatValue(Key("startup_script"), "a\nb"), "\"a\\nb\"");
}

TEST(DescribeSettings, TableOrderAndRedaction) {
  Settings s;
  s.provider = "aws";
  s.job_id = "j";
  s.access_key = "AKIAEXAMPLE";
  s.secret_key = "very-secret";
  s.max_instances = 3;
  s.instance_types = {"t3", "m5"};
  s.use_spot = false;
  auto lines = DescribeSettings(s);
  EXPECT_EQ(lines, (std::vector<std::string>{"provider = aws", "job_id = j", "access_key = <redacted>",
                                             "secret_key = <redacted>", "max_instances = 3",
                                             "instance_types = [t3, m5]", "use_spot = false"}));
}

TEST(DescribeSettings, MergedSecretsRedacted) {
  CommandLine cli = testing::Cli({{"access_key", "AKIAEXAMPLE"}, {"secret_key", "very-secret"}}, "aws");
  auto merged = Merge(MergeOptions{.cli = cli});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  auto lines = DescribeSettings(merged->settings);
  EXPECT_THAT(lines, Contains("secret_key = <redacted>"));
  EXPECT_THAT(lines, Contains("max_instances = 10"));
  for (const auto& line : lines) {
    EXPECT_THAT(line, Not(HasSubstr("very-secret")));
    EXPECT_THAT(line, Not(HasSubstr("AKIAEXAMPLE")));
  }
}

TEST(Derived, RegionQueueVisibility) {
  EXPECT_EQ(RegionFromZone("gcp", "europe-west4-b"), "europe-west4");
  EXPECT_EQ(RegionFromZone("aws", "eu-central-1c"), "eu-central-1");
  EXPECT_EQ(RegionFromZone("aws", "us-east-1"), std::nullopt);
  EXPECT_EQ(RegionFromZone("local", "x-a"), std::nullopt);
  Settings s;
  EXPECT_EQ(EventQueueName(s), "");
  s.queue_name = "q";
  EXPECT_EQ(EventQueueName(s), "q-events");
  EXPECT_EQ(VisibilityTimeoutSeconds(s), 3610);
  s.max_runtime = 10;
  EXPECT_EQ(VisibilityTimeoutSeconds(s), 20);
}

}  // namespace
}  // namespace cloud_tasks::config
