// Merge: precedence, warnings, defaults, derived values and cross-key rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.h"
#include "config_test_util.h"

namespace cloud_tasks::config {
namespace {

using testing::Cli;
using testing::ConfigPath;
using ::testing::ElementsAre;
using testing::ErrorOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::LoadText;
using testing::WriteConfig;

// Loads `text` as config.yml and merges it with `cli`.
Result<MergeResult> MergeText(const std::string& text, CommandLine cli = {}, bool read_script = true) {
  auto file = LoadText(text);
  if (!file.ok()) return file.status();
  static ConfigFile kept;  // Merge only borrows the file
  kept = std::move(*file);
  return Merge(MergeOptions{.file = &kept, .cli = std::move(cli), .read_startup_script = read_script});
}

TEST(Merge, NoFileNoFlagsGivesLocalWithDefaults) {
  auto merged = Merge(MergeOptions{});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  const Settings& s = merged->settings;
  EXPECT_EQ(s.provider, "local");  // the embedded default
  EXPECT_THAT(merged->warnings, IsEmpty());
  EXPECT_EQ(s.min_instances, 0);
  EXPECT_EQ(s.max_instances, 10);
  EXPECT_EQ(s.cpus_per_task, 1.0);
  EXPECT_EQ(s.max_total_price_per_hour, 10.0);
  EXPECT_EQ(s.architecture, "X86_64");
  EXPECT_EQ(s.local_ssd_base_size, 0.0);
  EXPECT_EQ(s.total_boot_disk_size, 10.0);
  EXPECT_EQ(s.boot_disk_base_size, 0.0);
  EXPECT_EQ(s.scaling_check_interval, 60);
  EXPECT_EQ(s.instance_termination_delay, 60);
  EXPECT_EQ(s.max_runtime, 3600);
  EXPECT_EQ(s.keepalive_interval, 60);
  EXPECT_EQ(s.keepalive_startup_timeout, 600);
  EXPECT_EQ(s.keepalive_timeout, 300);
  // No job id: no queue name, no db file. False booleans stay unset (tri-state).
  EXPECT_FALSE(s.job_id.has_value());
  EXPECT_FALSE(s.queue_name.has_value());
  EXPECT_FALSE(s.db_file.has_value());
  EXPECT_FALSE(s.use_spot.has_value());
  EXPECT_FALSE(s.retry_on_exit.has_value());
  EXPECT_FALSE(s.exactly_once_queue.has_value());
  EXPECT_FALSE(s.region.has_value());
}

TEST(Merge, AllFourLevels) {
  auto merged = MergeText(
      "provider: gcp\n"
      "run:\n"
      "  max_instances: 5\n"
      "  min_cpu: 2\n"
      "  max_cpu: 4\n"
      "gcp:\n"
      "  job_id: job-1\n"
      "  max_instances: 8\n"
      "  max_cpu: 6\n"
      "aws:\n"
      "  max_instances: 99\n",  // another provider's section is ignored
      Cli({{"max_instances", 3}}));
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  const Settings& s = merged->settings;
  EXPECT_EQ(s.provider, "gcp");
  EXPECT_EQ(s.max_instances, 3);   // CLI
  EXPECT_EQ(s.max_cpu, 6);         // provider section
  EXPECT_EQ(s.min_cpu, 2);         // run section
  EXPECT_EQ(s.max_runtime, 3600);  // default
  EXPECT_EQ(s.job_id, "job-1");
  EXPECT_EQ(s.queue_name, "job-1");  // CFG-30
  EXPECT_EQ(s.db_file, "job-1.db");
  const std::string path = ConfigPath("config.yml");
  EXPECT_THAT(merged->warnings,
              ElementsAre("overriding run.max_instances=5 with gcp.max_instances=8 (" + path + ":8:18)",
                          "overriding run.max_cpu=4 with gcp.max_cpu=6 (" + path + ":9:12)",
                          "overriding gcp.max_instances=8 with CLI --max-instances=3"));
}

TEST(Merge, CliOverridesRunDirectly) {
  auto merged = MergeText("run:\n  max_instances: 5\n", Cli({{"max_instances", 7}}));
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_THAT(merged->warnings, ElementsAre("overriding run.max_instances=5 with CLI --max-instances=7"));
}

TEST(Merge, EqualOverrideHasNoWarning) {
  auto merged = MergeText(
      "provider: aws\nrun:\n  max_instances: 5\n  architecture: arm64\naws:\n  max_instances: 5\n"
      "  architecture: ARM64\n  max_total_memory: 8\n",
      Cli({{"max_instances", 5}, {"max_total_memory", 8.0}}));
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_THAT(merged->warnings, IsEmpty());
  EXPECT_EQ(merged->settings.architecture, "ARM64");
}

TEST(Merge, TriStateBooleans) {
  // BUG-CFG-01: a file `use_spot: true` with no CLI flag stays true.
  auto kept = MergeText("run:\n  use_spot: true\n  retry_on_exit: false\n");
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(kept->settings.use_spot, true);
  EXPECT_EQ(kept->settings.retry_on_exit, false);
  EXPECT_FALSE(kept->settings.retry_on_timeout.has_value());
  EXPECT_THAT(kept->warnings, IsEmpty());
  auto overridden = MergeText("run:\n  use_spot: true\n", Cli({{"use_spot", false}}));
  ASSERT_TRUE(overridden.ok());
  EXPECT_EQ(overridden->settings.use_spot, false);
  EXPECT_THAT(overridden->warnings, ElementsAre("overriding run.use_spot=true with CLI --use-spot=false"));
  auto null_flag = MergeText("run:\n  use_spot: true\n", Cli({{"use_spot", nullptr}}));  // null = not given
  ASSERT_TRUE(null_flag.ok());
  EXPECT_EQ(null_flag->settings.use_spot, true);
}

TEST(Merge, ProviderSelection) {
  auto from_file = MergeText("provider: AWS\n");
  ASSERT_TRUE(from_file.ok()) << from_file.status().message();
  EXPECT_EQ(from_file->settings.provider, "aws");
  auto from_cli = MergeText("provider: aws\n", Cli({}, "GCP"));
  ASSERT_TRUE(from_cli.ok());
  EXPECT_EQ(from_cli->settings.provider, "gcp");
  EXPECT_THAT(from_cli->warnings, ElementsAre("overriding provider=aws with CLI --provider=gcp"));
  auto unknown = Merge(MergeOptions{.cli = Cli({}, "gpc")});
  EXPECT_THAT(ErrorOf(unknown), HasSubstr("--provider: unknown provider 'gpc'; did you mean 'gcp'?"));
}

TEST(Merge, AzureIsRefused) {
  auto cli = Merge(MergeOptions{.cli = Cli({}, "azure")});
  EXPECT_THAT(ErrorOf(cli),
              HasSubstr("--provider: Provider 'azure' is not supported (supported: aws, gcp, local)"));
  auto file = MergeText("provider: Azure\n");
  EXPECT_THAT(ErrorOf(file),
              HasSubstr(":1:11: provider: Provider 'azure' is not supported (supported: aws, gcp, local)"));
  auto ok = MergeText("provider: azure\n", Cli({}, "gcp"));  // the CLI choice wins
  EXPECT_TRUE(ok.ok()) << ErrorOf(ok);
}

TEST(Merge, ProviderOnlyKeysFromOtherSectionsIgnored) {
  auto merged = MergeText("provider: aws\naws:\n  job_id: a-job\ngcp:\n  job_id: g-job\n  project_id: p\n");
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->settings.job_id, "a-job");
  EXPECT_FALSE(merged->settings.project_id.has_value());
}

TEST(Merge, CliKeyNotValidForProvider) {
  auto merged = Merge(MergeOptions{.cli = Cli({{"project_id", "p"}}, "aws")});
  EXPECT_THAT(ErrorOf(merged), HasSubstr("--project-id is not valid for provider aws (it applies to: gcp)"));
  auto local = Merge(MergeOptions{.cli = Cli({{"region", "us-east-1"}})});
  EXPECT_THAT(ErrorOf(local),
              HasSubstr("--region is not valid for provider local (it applies to: aws, gcp)"));
}

TEST(Merge, HandBuiltLayersAreChecked) {
  ConfigFile file;
  file.path = "made.yml";
  file.run.values["job_id"] = SourcedValue{"j", "made.yml:1:1"};
  auto wrong_section = Merge(MergeOptions{.file = &file});
  EXPECT_EQ(
      ErrorOf(wrong_section),
      "made.yml:1:1: run.job_id: job_id belongs in a provider section (aws:, gcp: or local:), not in run:");
  CommandLine twice = Cli({{"max_cpu", 4}, {"max-cpu", 5}});
  EXPECT_THAT(ErrorOf(Merge(MergeOptions{.cli = twice})), HasSubstr("max_cpu: given twice"));
  CommandLine unknown = Cli({{"max_cpus", 4}});
  EXPECT_EQ(ErrorOf(Merge(MergeOptions{.cli = unknown})), "unknown command-line setting 'max_cpus'");
}

TEST(Merge, BadCliValues) {
  auto zero = Merge(MergeOptions{.cli = Cli({{"max_cpu", 0}})});
  EXPECT_EQ(ErrorOf(zero), "--max-cpu: must be > 0 (got 0)");
  auto job = Merge(MergeOptions{.cli = Cli({{"job_id", "Bad"}})});
  EXPECT_THAT(ErrorOf(job), HasSubstr("--job-id: must be 1-24 characters"));
  auto regex = Merge(MergeOptions{.cli = Cli({{"instance_types", Json::array({"a(("})}})});
  EXPECT_THAT(ErrorOf(regex), HasSubstr("--instance-types: invalid regular expression 'a(('"));
}

TEST(Merge, CliNormalisation) {
  auto merged = Merge(MergeOptions{.cli = Cli({{"architecture", "arm64"},
                                               {"boot_disk_types", "PD-SSD"},
                                               {"instance_types", "n2-"},
                                               {"max_cpu", 4.0}})});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->settings.architecture, "ARM64");
  EXPECT_EQ(merged->settings.boot_disk_types, std::vector<std::string>{"pd-ssd"});
  EXPECT_EQ(merged->settings.instance_types, std::vector<std::string>{"n2-"});
  EXPECT_EQ(merged->settings.max_cpu, 4);
}

TEST(Merge, PairRuleAcrossSources) {
  auto file_vs_cli = MergeText("provider: gcp\ngcp:\n  min_cpu: 16\n", Cli({{"max_cpu", 8}}));
  const std::string path = ConfigPath("config.yml");
  EXPECT_EQ(ErrorOf(file_vs_cli), "gcp.min_cpu (16, " + path + ":3:12) must be <= max_cpu (8, --max-cpu)");
  auto run_vs_gcp = MergeText("provider: gcp\nrun:\n  min_total_memory: 32\ngcp:\n  max_total_memory: 16\n");
  EXPECT_EQ(ErrorOf(run_vs_gcp), "run.min_total_memory (32, " + path +
                                     ":3:21) must be <= gcp.max_total_memory (16, " + path + ":5:21)");
  auto vs_default = MergeText("run:\n  min_instances: 20\n");
  EXPECT_EQ(ErrorOf(vs_default),
            "run.min_instances (20, " + path + ":2:18) must be <= max_instances (10, default)");
  auto overridden_ok = MergeText("provider: gcp\nrun:\n  min_cpu: 16\n  max_cpu: 32\ngcp:\n  min_cpu: 4\n",
                                 Cli({{"max_cpu", 4}}));
  EXPECT_TRUE(overridden_ok.ok()) << ErrorOf(overridden_ok);
}

TEST(Merge, RegionFromZone) {
  auto gcp = Merge(MergeOptions{.cli = Cli({{"zone", "us-central1-a"}}, "gcp")});
  ASSERT_TRUE(gcp.ok()) << gcp.status().message();
  EXPECT_EQ(gcp->settings.region, "us-central1");
  auto aws = Merge(MergeOptions{.cli = Cli({{"zone", "us-west-2a"}}, "aws")});
  ASSERT_TRUE(aws.ok()) << aws.status().message();
  EXPECT_EQ(aws->settings.region, "us-west-2");
  auto agree = Merge(MergeOptions{.cli = Cli({{"zone", "us-west-2a"}, {"region", "us-west-2"}}, "aws")});
  EXPECT_TRUE(agree.ok()) << ErrorOf(agree);
}

TEST(Merge, RegionZoneDisagreement) {
  auto merged = MergeText("provider: aws\naws:\n  region: us-east-1\n", Cli({{"zone", "us-west-2a"}}));
  const std::string path = ConfigPath("config.yml");
  EXPECT_EQ(ErrorOf(merged), "zone 'us-west-2a' (--zone) is not in aws.region 'us-east-1' (" + path +
                                 ":3:11); its region is 'us-west-2'");
  auto shapeless = Merge(MergeOptions{.cli = Cli({{"zone", "central"}}, "gcp")});
  EXPECT_THAT(ErrorOf(shapeless),
              HasSubstr("--zone: 'central' is not a gcp zone name (expected e.g. us-central1-a)"));
}

TEST(Merge, QueueNameAndDbFileFromCliJobId) {
  auto merged = MergeText("local:\n  db_file: jobs.db\n", Cli({{"job_id", "cli-job"}}));
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->settings.queue_name, "cli-job");
  EXPECT_EQ(merged->settings.db_file, "jobs.db");  // explicit value kept
  auto named = Merge(MergeOptions{.cli = Cli({{"job_id", "j"}, {"queue_name", "q"}})});
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->settings.queue_name, "q");
}

TEST(Merge, StartupScriptBothAtSameLevelIsError) {
  auto merged =
      Merge(MergeOptions{.cli = Cli({{"startup_script", "echo"}, {"startup_script_file", "x.sh"}})});
  EXPECT_EQ(
      ErrorOf(merged),
      "Startup script and startup script file cannot both be provided (startup_script at --startup-script, "
      "startup_script_file at --startup-script-file)");
}

TEST(Merge, CliScriptFileReplacesInlineScript) {
  // BUG-CFG-06: a higher-precedence script file replaces a lower inline script.
  std::string script = WriteConfig("cwd/boot.sh", "#!/bin/sh\necho from file\n");
  auto merged = MergeText("run:\n  startup_script: echo inline\n", Cli({{"startup_script_file", script}}));
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->settings.startup_script, "#!/bin/sh\necho from file\n");
  EXPECT_EQ(merged->settings.startup_script_file, script);
  EXPECT_THAT(
      merged->warnings,
      ElementsAre("overriding run.startup_script=echo inline with CLI --startup-script-file=" + script));
}

TEST(Merge, ProviderInlineScriptReplacesRunScriptFile) {
  auto merged =
      MergeText("provider: gcp\nrun:\n  startup_script_file: boot.sh\ngcp:\n  startup_script: echo gcp\n");
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->settings.startup_script, "echo gcp");
  EXPECT_FALSE(merged->settings.startup_script_file.has_value());
  ASSERT_EQ(merged->warnings.size(), 1u);
  EXPECT_THAT(merged->warnings[0], HasSubstr("overriding run.startup_script_file="));
  EXPECT_THAT(merged->warnings[0], HasSubstr("boot.sh with gcp.startup_script=echo gcp ("));
}

TEST(Merge, StartupScriptFileRelativeToConfigIsRead) {
  WriteConfig("scripted/setup.sh", "echo relative\n");
  auto file = LoadConfigFile(WriteConfig("scripted/config.yml", "run:\n  startup_script_file: setup.sh\n"));
  ASSERT_TRUE(file.ok()) << file.status().message();
  auto merged = Merge(MergeOptions{.file = &*file});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->settings.startup_script, "echo relative\n");
  auto unread = Merge(MergeOptions{.file = &*file, .read_startup_script = false});
  ASSERT_TRUE(unread.ok());
  EXPECT_FALSE(unread->settings.startup_script.has_value());
}

TEST(Merge, UnreadableStartupScriptNamesFile) {
  auto merged = MergeText("run:\n  startup_script_file: /no/such/boot.sh\n");
  EXPECT_THAT(ErrorOf(merged), HasSubstr(":2:24: run.startup_script_file: cannot read startup script"));
  EXPECT_THAT(ErrorOf(merged), HasSubstr("/no/such/boot.sh"));
  auto url = MergeText("run:\n  startup_script_file: gs://bucket/boot.sh\n");
  EXPECT_THAT(ErrorOf(url), HasSubstr("cloud URLs are not supported"));
}

TEST(Merge, SecretsRedactedInWarnings) {
  auto merged =
      MergeText("provider: aws\naws:\n  secret_key: file-secret\n", Cli({{"secret_key", "cli-secret"}}));
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->settings.secret_key, "cli-secret");
  EXPECT_THAT(merged->warnings,
              ElementsAre("overriding aws.secret_key=<redacted> with CLI --secret-key=<redacted>"));
  auto bad = Merge(MergeOptions{.cli = Cli({{"access_key", 12345}}, "aws")});
  EXPECT_EQ(ErrorOf(bad), "--access-key: must be a string (got a number)");
}

}  // namespace
}  // namespace cloud_tasks::config
