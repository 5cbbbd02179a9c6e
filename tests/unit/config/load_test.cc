// LoadConfigFile: structure, keys, types, bounds and key rules, each with its message.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.h"
#include "config_test_util.h"

namespace cloud_tasks::config {
namespace {

using testing::ErrorOf;
using ::testing::HasSubstr;
using testing::LoadText;

// Loads `text` as "<name>" and returns the error, which must name `<file>:<where>: <what>`.
void ExpectError(const std::string& text, const std::string& where, const std::string& what) {
  auto file = LoadText(text, "bad.yml");
  ASSERT_FALSE(file.ok()) << "loaded without error:\n" << text;
  EXPECT_THAT(file.status().message(), HasSubstr("bad.yml:" + where + ": " + what)) << text;
}

TEST(LoadConfig, FullFile) {
  auto file = LoadText(
      "provider: GCP\n"
      "run:\n"
      "  max_instances: 5\n"
      "  instance_types: n2-\n"
      "gcp:\n"
      "  job_id: my-job\n"
      "  max-instances: 8\n"
      "  boot_disk_types: [PD-SSD, pd-balanced]\n"
      "aws:\n"
      "local:\n");
  ASSERT_TRUE(file.ok()) << file.status().message();
  ASSERT_TRUE(file->provider.has_value());
  EXPECT_EQ(file->provider->value, Json("gcp"));
  EXPECT_THAT(file->provider->origin, HasSubstr("config.yml:1:11"));
  EXPECT_EQ(file->run.name, "run");
  EXPECT_EQ(file->run.values.at("max_instances").value, Json(5));
  EXPECT_THAT(file->run.values.at("max_instances").origin, HasSubstr("config.yml:3:18"));
  // A string in run: becomes a one-element list too (BUG-CFG-03).
  EXPECT_EQ(file->run.values.at("instance_types").value, Json::array({"n2-"}));
  const Layer& gcp = file->providers.at("gcp");
  EXPECT_EQ(gcp.name, "gcp");
  EXPECT_EQ(gcp.values.at("max_instances").value, Json(8));  // dashed key (BUG-CFG-09)
  EXPECT_EQ(gcp.values.at("boot_disk_types").value, Json::array({"pd-ssd", "pd-balanced"}));
  EXPECT_TRUE(file->providers.at("aws").values.empty());
  EXPECT_TRUE(file->providers.count("local"));
}

TEST(LoadConfig, EmptyAndNullDocumentsAreEmptyConfig) {
  for (const char* text : {"", "null\n", "~\n", "# nothing\n"}) {
    auto file = LoadText(text);
    ASSERT_TRUE(file.ok()) << text << ": " << file.status().message();
    EXPECT_FALSE(file->provider.has_value());
    EXPECT_TRUE(file->run.values.empty());
    EXPECT_TRUE(file->providers.empty());
  }
}

TEST(LoadConfig, MissingFile) {
  auto file = LoadConfigFile(::testing::TempDir() + "/does/not/exist.yml");
  EXPECT_EQ(file.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(ErrorOf(file), HasSubstr("Configuration file not found: "));
  EXPECT_THAT(ErrorOf(file), HasSubstr("exist.yml"));
}

TEST(LoadConfig, NullKeyValueLeavesKeyUnset) {
  auto file = LoadText("run:\n  max_cpu:\n  min_cpu: ~\n");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_TRUE(file->run.values.empty());
}

TEST(LoadConfig, StructureErrors) {
  ExpectError("- a\n- b\n", "1:1", "Configuration file must contain a YAML mapping");
  ExpectError("rn:\n  max_cpu: 1\n", "1:1", "unknown top-level key 'rn'; did you mean 'run'?");
  ExpectError("run: [1, 2]\n", "1:6", "run: must be a mapping of settings");
  ExpectError("provider: gpc\n", "1:11", "provider: unknown provider 'gpc'; did you mean 'gcp'?");
  ExpectError("provider: [aws]\n", "1:11", "provider: must be one of aws, gcp, local");
  ExpectError("run:\n  max_cpu: 1\nrun:\n  min_cpu: 1\n", "3:1",
              "duplicate key 'run' (first given on line 1");
  ExpectError("run:\n  max-cpu: 1\n  max_cpu: 2\n", "3:3",
              "run.max_cpu: given twice (first at " + testing::ConfigPath("bad.yml") + ":2:12)");
  ExpectError("run:\n  max_cpu: !custom 3\n", "2:12", "tags are not allowed");
}

TEST(LoadConfig, AzureSectionIsRecognised) {
  auto file = LoadText("provider: azure\nazure:\n  tenant_id: t\n  client_secret: s\n");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->provider->value, Json("azure"));
  EXPECT_EQ(file->providers.at("azure").values.size(), 2u);
}

TEST(LoadConfig, UnknownKeySuggestsClosest) {
  ExpectError("gcp:\n  max_instance: 3\n", "2:3",
              "gcp.max_instance: unknown key; did you mean 'max_instances'?");
  ExpectError("run:\n  max-instanse: 3\n", "2:3",
              "run.max-instanse: unknown key; did you mean 'max_instances'?");
  ExpectError("run:\n  completely_unrelated: 3\n", "2:3", "run.completely_unrelated: unknown key");
  ExpectError("run:\n  job-di: x\n", "2:3",
              "run.job-di: unknown key; did you mean 'job_id'? (it belongs in a provider section (aws:, gcp: "
              "or local:))");
}

TEST(LoadConfig, ProviderKeyInRunSaysWhereItBelongs) {
  ExpectError("run:\n  max_cpu: 4\n  job_id: abc\n", "3:3",
              "run.job_id: job_id belongs in a provider section (aws:, gcp: or local:), not in run:");
  ExpectError("run:\n  region: us-east-1\n", "2:3",
              "run.region: region belongs in aws: or gcp:, not in run:");
}

TEST(LoadConfig, KeyOfAnotherProviderSaysWhereItBelongs) {
  ExpectError("gcp:\n  access_key: abc\n", "2:3", "gcp.access_key: access_key belongs in aws:, not in gcp:");
  ExpectError("aws:\n  project-id: p\n", "2:3", "aws.project-id: project_id belongs in gcp:, not in aws:");
  ExpectError("local:\n  zone: z\n", "2:3", "local.zone: zone belongs in aws: or gcp:, not in local:");
}

TEST(LoadConfig, TypeRules) {
  ExpectError("run:\n  max_cpu: 2.5\n", "2:12", "run.max_cpu: must be an integer (got 2.5)");
  ExpectError("run:\n  max_cpu: eight\n", "2:12", "run.max_cpu: must be an integer (got 'eight')");
  ExpectError("run:\n  max_cpu: true\n", "2:12", "run.max_cpu: must be an integer (got true)");
  ExpectError("run:\n  max_cpu: 10000000000000000000\n", "2:12", "run.max_cpu: is out of range");
  ExpectError("run:\n  max_total_memory: lots\n", "2:21",
              "run.max_total_memory: must be a number (got 'lots')");
  ExpectError("run:\n  max_total_memory: .inf\n", "2:21", "run.max_total_memory: must be a finite number");
  ExpectError("run:\n  use_spot: maybe\n", "2:13", "run.use_spot: must be true or false (got 'maybe')");
  ExpectError("run:\n  use_spot: 1\n", "2:13", "run.use_spot: must be true or false (got 1)");
  ExpectError("gcp:\n  job_id: 123\n", "2:11",
              "gcp.job_id: must be a string (got 123); put it in quotes (\"123\") to use it as text");
  ExpectError("run:\n  image: {a: 1}\n", "2:10", "run.image: must be a string (got a mapping)");
  ExpectError("run:\n  instance_types: [n2, 5]\n", "2:19",
              "run.instance_types: item 2 must be a string (got 5)");
  ExpectError("run:\n  instance_types: [n2, [a]]\n", "2:19",
              "run.instance_types: item 2 must be a string (got a list)");
  ExpectError("run:\n  boot_disk_types: 7\n", "2:20",
              "run.boot_disk_types: must be a string or a list of strings");
  ExpectError("run:\n  startup_script_file: 5\n", "2:24", "run.startup_script_file: must be a string");
}

TEST(LoadConfig, IntegralFloatIsAcceptedForIntegers) {
  auto file = LoadText("run:\n  max_cpu: 8.0\n");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->run.values.at("max_cpu").value, Json(8));
  EXPECT_TRUE(file->run.values.at("max_cpu").value.is_number_integer());
}

TEST(LoadConfig, BoundRules) {
  ExpectError("run:\n  max_instances: 0\n", "2:18", "run.max_instances: must be > 0 (got 0)");
  ExpectError("run:\n  min_instances: -1\n", "2:18", "run.min_instances: must be >= 0 (got -1)");
  ExpectError("run:\n  cpus_per_task: 0\n", "2:18", "run.cpus_per_task: must be > 0 (got 0)");  // BUG-CFG-05
  ExpectError("run:\n  max_total_price_per_hour: 0.0\n", "2:29", "run.max_total_price_per_hour: must be > 0");
  ExpectError("aws:\n  keepalive_timeout: -5\n", "2:22", "aws.keepalive_timeout: must be >= 0 (got -5)");
  auto zero = LoadText("run:\n  keepalive_timeout: 0\n  min_instances: 0\n");
  EXPECT_TRUE(zero.ok()) << zero.status().message();
}

TEST(LoadConfig, JobIdAndQueueNameRule) {
  const std::string rule =
      "must be 1-24 characters: a lowercase letter, then lowercase letters, digits or '-'";
  ExpectError("gcp:\n  job_id: My_Job\n", "2:11", "gcp.job_id: " + rule + " (got 'My_Job')");
  ExpectError("aws:\n  queue_name: 1abc\n", "2:15", "aws.queue_name: " + rule);
  ExpectError("aws:\n  queue_name: abcdefghijklmnopqrstuvwxy\n", "2:15", "aws.queue_name: " + rule);
  ExpectError("local:\n  job_id: ''\n", "2:11", "local.job_id: " + rule);
  auto ok = LoadText("aws:\n  job_id: a-1\n  queue_name: abcdefghijklmnopqrstuvwx\n");
  EXPECT_TRUE(ok.ok()) << ok.status().message();
}

TEST(LoadConfig, KeySpecificRules) {
  ExpectError("run:\n  architecture: amd64\n", "2:17",
              "run.architecture: must be X86_64 or ARM64, in any case (got 'amd64')");
  ExpectError("run:\n  cpu_family: ''\n", "2:15", "run.cpu_family: must not be empty");
  ExpectError("gcp:\n  region: ' '\n", "2:11", "gcp.region: must not be empty");
  ExpectError("aws:\n  zone: ''\n", "2:9", "aws.zone: must not be empty");
  ExpectError("gcp:\n  credentials_file: ''\n", "2:21", "gcp.credentials_file: must not be empty");
  ExpectError("run:\n  instance_types: ['^n2-', 'c3-[a-']\n", "2:19",
              "run.instance_types: invalid regular expression 'c3-[a-': missing ]");
  ExpectError("run:\n  instance_types: ['']\n", "2:19", "run.instance_types: item 1 must not be empty");
}

TEST(LoadConfig, CaseNormalisation) {
  auto file =
      LoadText("run:\n  architecture: arm64\n  cpu_family: Intel Ice Lake\n  boot_disk_types: PD-SSD\n");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->run.values.at("architecture").value, Json("ARM64"));
  EXPECT_EQ(file->run.values.at("cpu_family").value, Json("Intel Ice Lake"));  // kept as written
  EXPECT_EQ(file->run.values.at("boot_disk_types").value, Json::array({"pd-ssd"}));
}

TEST(LoadConfig, PairRuleWithinSection) {
  ExpectError("gcp:\n  min_cpu: 16\n  max_cpu: 8\n", "2:12", "gcp.min_cpu (16) must be <= gcp.max_cpu (8)");
  ExpectError("run:\n  min_cpu_rank: 5\n  max_cpu_rank: 2\n", "2:17",
              "run.min_cpu_rank (5) must be <= run.max_cpu_rank (2)");
  ExpectError("run:\n  min_memory_per_task: 4\n  max_memory_per_task: 2.5\n", "2:24",
              "run.min_memory_per_task (4) must be <= run.max_memory_per_task (2.5)");
  ExpectError("run:\n  min_local_ssd_per_task: 4\n  max_local_ssd_per_task: 1\n", "2:27",
              "run.min_local_ssd_per_task (4) must be <= run.max_local_ssd_per_task (1)");
  auto equal = LoadText(
      "run:\n  min_cpu: 8\n  max_cpu: 8\n  min_total_price_per_hour: 2\n  max_total_price_per_hour: 2\n");
  EXPECT_TRUE(equal.ok()) << equal.status().message();  // BUG-CFG-07: equality allowed
}

TEST(LoadConfig, StartupScriptFileRelativeToConfigFolder) {
  auto file = testing::LoadText(
      "run:\n  startup_script_file: scripts/boot.sh\n"
      "gcp:\n  startup_script_file: /abs/boot.sh\n"
      "aws:\n  startup_script_file: s3://bucket/boot.sh\n",
      "sub/config.yml");
  ASSERT_TRUE(file.ok()) << file.status().message();
  std::string expected = std::filesystem::path(testing::ConfigPath("sub/scripts/boot.sh")).string();
  EXPECT_EQ(std::filesystem::path(file->run.values.at("startup_script_file").value.get<std::string>()),
            std::filesystem::path(expected).lexically_normal());
  EXPECT_EQ(file->providers.at("gcp").values.at("startup_script_file").value, Json("/abs/boot.sh"));
  EXPECT_EQ(file->providers.at("aws").values.at("startup_script_file").value, Json("s3://bucket/boot.sh"));
}

TEST(LoadConfig, BothStartupScriptKindsInOneSection) {
  auto file = LoadText("run:\n  startup_script: echo hi\n  startup_script_file: boot.sh\n", "bad.yml");
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(ErrorOf(file), HasSubstr("Startup script and startup script file cannot both be provided"));
  EXPECT_THAT(ErrorOf(file), HasSubstr("startup_script at "));
  EXPECT_THAT(ErrorOf(file), HasSubstr("bad.yml:2:19"));
  EXPECT_THAT(ErrorOf(file), HasSubstr("bad.yml:3:24"));
}

TEST(LoadConfig, SecretValuesNeverInErrors) {
  auto file = LoadText("aws:\n  secret_key: 123456789\n", "bad.yml");
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(ErrorOf(file), HasSubstr("bad.yml:2:15: aws.secret_key: must be a string (got a number)"));
  EXPECT_THAT(ErrorOf(file), ::testing::Not(HasSubstr("123456789")));
  auto list = LoadText("aws:\n  access_key: [AKIASECRETVALUE]\n", "bad.yml");
  EXPECT_THAT(ErrorOf(list), ::testing::Not(HasSubstr("AKIASECRETVALUE")));
}

TEST(LoadConfig, AliasesWork) {
  auto file = LoadText("run: &common\n  max_cpu: 4\ngcp:\n  <<: *common\n  job_id: j\n");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->providers.at("gcp").values.at("max_cpu").value, Json(4));
}

}  // namespace
}  // namespace cloud_tasks::config
