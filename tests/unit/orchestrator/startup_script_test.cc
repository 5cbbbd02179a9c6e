#include "orchestrator/startup_script.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "support/run_process.h"

namespace cloud_tasks::orchestrator {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

namespace fs = std::filesystem;

StartupValues GcpValues() {
  StartupValues v;
  v.provider = "gcp";
  v.project_id = "my-project";
  v.job_id = "job-1";
  v.queue_name = "job-1";
  v.instance_type = "n4-highmem-32";
  v.num_vcpus = 32;
  v.memory_gb = 256;
  v.local_ssd_gb = 0;
  v.boot_disk_gb = 20;
  v.is_spot = true;
  v.price_per_hour = 0.268614;
  v.tasks_per_instance = 8;
  v.max_runtime = 600;
  return v;
}

// A scratch directory, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "ct_startup_XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~ScratchDir() { fs::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Parses `env -0` output.
std::map<std::string, std::string> ParseEnv0(const std::string& out) {
  std::map<std::string, std::string> env;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\0', start);
    if (end == std::string::npos) end = out.size();
    std::string entry = out.substr(start, end - start);
    size_t eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
    start = end + 1;
  }
  return env;
}

// Runs `script` with real bash in an empty environment, from `dir`.
testing::ProcessResult RunBashFile(const std::string& script, const std::string& dir) {
  std::string file = dir + "/startup.sh";
  std::ofstream(file, std::ios::binary) << script;
  return testing::RunProcess({"/usr/bin/env", "-i", "bash", file}, dir);
}

testing::ProcessResult RunBashC(const std::string& script, const std::string& dir) {
  return testing::RunProcess({"/usr/bin/env", "-i", "bash", "-c", script}, dir);
}

TEST(RenderStartupScript, HostileValuesReachTheWorkerVerbatim) {
  ScratchDir dir;
  ASSERT_FALSE(dir.path().empty());
  StartupValues v = GcpValues();
  v.job_id = "a b  c";
  v.queue_name = "it's \"quoted\"; echo INJECTED";
  v.instance_type = "$(touch PWNED1)`touch PWNED2`${HOME}";
  v.project_id = "line1\nline2\n";
  v.local_queue_dir = "/tmp/dir with 'single' and \\backslash\\ and * glob";
  auto script = RenderStartupScript("#!/bin/bash\nenv -0\n", v);
  ASSERT_TRUE(script.ok()) << script.status().ToString();

  for (bool as_file : {true, false}) {
    SCOPED_TRACE(as_file ? "bash file" : "bash -c");
    auto r = as_file ? RunBashFile(*script, dir.path()) : RunBashC(*script, dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto env = ParseEnv0(r.out);
    EXPECT_EQ(env["RMS_CLOUD_TASKS_JOB_ID"], v.job_id);
    EXPECT_EQ(env["RMS_CLOUD_TASKS_QUEUE_NAME"], v.queue_name);
    EXPECT_EQ(env["RMS_CLOUD_TASKS_INSTANCE_TYPE"], v.instance_type);
    EXPECT_EQ(env["RMS_CLOUD_TASKS_PROJECT_ID"], *v.project_id);
    EXPECT_EQ(env["RMS_CLOUD_TASKS_LOCAL_QUEUE_DIR"], *v.local_queue_dir);
    EXPECT_THAT(r.out, Not(HasSubstr("INJECTED\n")));
    EXPECT_FALSE(fs::exists(dir.path() + "/PWNED1"));
    EXPECT_FALSE(fs::exists(dir.path() + "/PWNED2"));
  }
}

TEST(RenderStartupScript, EveryVariableIsExportedWithWorkerReadableValues) {
  ScratchDir dir;
  StartupValues v = GcpValues();
  v.exactly_once_queue = true;
  v.retry_on_timeout = true;
  v.keepalive_interval = 30;
  v.max_memory_allowed_per_task = 3.5;
  auto script = RenderStartupScript("env -0", v);
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  auto r = RunBashFile(*script, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto env = ParseEnv0(r.out);
  std::map<std::string, std::string> expected = {
      {"RMS_CLOUD_TASKS_PROVIDER", "GCP"},
      {"RMS_CLOUD_TASKS_PROJECT_ID", "my-project"},
      {"RMS_CLOUD_TASKS_JOB_ID", "job-1"},
      {"RMS_CLOUD_TASKS_QUEUE_NAME", "job-1"},
      {"RMS_CLOUD_TASKS_EXACTLY_ONCE_QUEUE", "True"},
      {"RMS_CLOUD_TASKS_EVENT_LOG_TO_QUEUE", "1"},
      {"RMS_CLOUD_TASKS_INSTANCE_TYPE", "n4-highmem-32"},
      {"RMS_CLOUD_TASKS_INSTANCE_NUM_VCPUS", "32"},
      {"RMS_CLOUD_TASKS_INSTANCE_MEM_GB", "256"},
      {"RMS_CLOUD_TASKS_INSTANCE_SSD_GB", "0"},
      {"RMS_CLOUD_TASKS_INSTANCE_BOOT_DISK_GB", "20"},
      {"RMS_CLOUD_TASKS_INSTANCE_IS_SPOT", "True"},
      {"RMS_CLOUD_TASKS_INSTANCE_PRICE", "0.268614"},
      {"RMS_CLOUD_TASKS_NUM_TASKS_PER_INSTANCE", "8"},
      {"RMS_CLOUD_TASKS_MAX_RUNTIME", "600"},
      {"RMS_CLOUD_TASKS_RETRY_ON_EXIT", "False"},
      {"RMS_CLOUD_TASKS_RETRY_ON_EXCEPTION", "False"},
      {"RMS_CLOUD_TASKS_RETRY_ON_TIMEOUT", "True"},
      {"RMS_CLOUD_TASKS_KEEPALIVE_INTERVAL", "30"},
      {"RMS_CLOUD_TASKS_MAX_MEMORY_ALLOWED_PER_TASK", "3.5"},
  };
  for (const auto& [name, value] : expected) EXPECT_EQ(env[name], value) << name;
  EXPECT_EQ(env.count("RMS_CLOUD_TASKS_LOCAL_QUEUE_DIR"), 0u);
}

TEST(RenderStartupScript, VariablesComeInTheOriginalOrder) {
  StartupValues v = GcpValues();
  v.keepalive_interval = 30;
  v.max_memory_allowed_per_task = 2;
  v.local_queue_dir = "/q";
  auto script = RenderStartupScript("echo hi", v);
  ASSERT_TRUE(script.ok());
  std::vector<std::string> order = {"PROVIDER",
                                    "PROJECT_ID",
                                    "JOB_ID",
                                    "QUEUE_NAME",
                                    "EXACTLY_ONCE_QUEUE",
                                    "EVENT_LOG_TO_QUEUE",
                                    "INSTANCE_TYPE",
                                    "INSTANCE_NUM_VCPUS",
                                    "INSTANCE_MEM_GB",
                                    "INSTANCE_SSD_GB",
                                    "INSTANCE_BOOT_DISK_GB",
                                    "INSTANCE_IS_SPOT",
                                    "INSTANCE_PRICE",
                                    "NUM_TASKS_PER_INSTANCE",
                                    "MAX_RUNTIME",
                                    "RETRY_ON_EXIT",
                                    "RETRY_ON_EXCEPTION",
                                    "RETRY_ON_TIMEOUT",
                                    "KEEPALIVE_INTERVAL",
                                    "MAX_MEMORY_ALLOWED_PER_TASK",
                                    "LOCAL_QUEUE_DIR"};
  size_t pos = 0;
  for (const auto& name : order) {
    size_t at = script->find("export RMS_CLOUD_TASKS_" + name + "=");
    ASSERT_NE(at, std::string::npos) << name;
    EXPECT_GE(at, pos) << name;
    pos = at;
  }
}

TEST(RenderStartupScript, OptionalValuesOnlyWhenSet) {
  auto script = RenderStartupScript("echo hi", GcpValues());
  ASSERT_TRUE(script.ok());
  EXPECT_THAT(*script, Not(HasSubstr("KEEPALIVE_INTERVAL")));
  EXPECT_THAT(*script, Not(HasSubstr("MAX_MEMORY_ALLOWED_PER_TASK")));
  EXPECT_THAT(*script, Not(HasSubstr("LOCAL_QUEUE_DIR")));
  EXPECT_THAT(*script, HasSubstr("export RMS_CLOUD_TASKS_RETRY_ON_TIMEOUT='False'\n"));
  EXPECT_THAT(*script, HasSubstr("export RMS_CLOUD_TASKS_EXACTLY_ONCE_QUEUE='False'\n"));
}

TEST(RenderStartupScript, ProviderNamesAndProjectId) {
  StartupValues v = GcpValues();
  v.provider = "AWS";
  auto script = RenderStartupScript("echo hi", v);
  ASSERT_TRUE(script.ok());
  EXPECT_THAT(*script, StartsWith("export RMS_CLOUD_TASKS_PROVIDER='AWS'\n"));
  EXPECT_THAT(*script, Not(HasSubstr("PROJECT_ID")));  // GCP only

  v.provider = "local";
  script = RenderStartupScript("echo hi", v);
  ASSERT_TRUE(script.ok());
  EXPECT_THAT(*script, StartsWith("export RMS_CLOUD_TASKS_PROVIDER='LOCAL'\n"));

  v.provider = "gcp";
  v.project_id.reset();  // unknown project: omitted rather than "None"
  script = RenderStartupScript("echo hi", v);
  ASSERT_TRUE(script.ok());
  EXPECT_THAT(*script, Not(HasSubstr("PROJECT_ID")));

  v.provider = "azure";
  script = RenderStartupScript("echo hi", v);
  ASSERT_FALSE(script.ok());
  EXPECT_THAT(script.status().message(), HasSubstr("azure"));
}

TEST(RenderStartupScript, ExportsFollowABashShebang) {
  for (const char* shebang :
       {"#!/bin/bash", "#!/usr/bin/env bash", "#! /usr/local/bin/bash -e", "#!/bin/bash\t"}) {
    SCOPED_TRACE(shebang);
    auto script = RenderStartupScript(std::string(shebang) + "\necho hi\n", GcpValues());
    ASSERT_TRUE(script.ok()) << script.status().ToString();
    std::string first_line = std::string(shebang).substr(0, std::string(shebang).find_last_not_of(" \t") + 1);
    EXPECT_THAT(*script, StartsWith(first_line + "\nexport RMS_CLOUD_TASKS_PROVIDER='GCP'\n"));
    EXPECT_THAT(*script, ::testing::EndsWith("\necho hi\n"));
  }
}

TEST(RenderStartupScript, OtherShellsAreRejected) {
  for (const char* shebang : {"#!/bin/sh", "#!/usr/bin/env python3", "#!/bin/zsh", "#!/bin/bashful", "#!"}) {
    SCOPED_TRACE(shebang);
    auto script = RenderStartupScript(std::string(shebang) + "\necho hi", GcpValues());
    ASSERT_FALSE(script.ok());
    EXPECT_EQ(script.status().message(), "Startup script uses shell other than bash; this is not supported");
  }
}

TEST(RenderStartupScript, WithoutShebangExportsOpenTheScriptAndNothingElseIsAdded) {
  auto script = RenderStartupScript("\n\n  echo hi\necho there  \n\n", GcpValues());
  ASSERT_TRUE(script.ok());
  EXPECT_THAT(*script, StartsWith("export RMS_CLOUD_TASKS_PROVIDER='GCP'\n"));
  EXPECT_THAT(*script, ::testing::EndsWith("'600'\nexport RMS_CLOUD_TASKS_RETRY_ON_EXIT='False'\n"
                                           "export RMS_CLOUD_TASKS_RETRY_ON_EXCEPTION='False'\n"
                                           "export RMS_CLOUD_TASKS_RETRY_ON_TIMEOUT='False'\n"
                                           "echo hi\necho there\n"));
  // Only export lines before the script.
  std::string before = script->substr(0, script->find("echo hi"));
  size_t lines = 0;
  for (size_t at = 0; (at = before.find('\n', at)) != std::string::npos; ++at) ++lines;
  size_t exports = 0;
  for (size_t at = 0; (at = before.find("export ", at)) != std::string::npos; ++at) ++exports;
  EXPECT_EQ(lines, exports);
}

TEST(RenderStartupScript, CarriageReturnsAreStrippedAndTheScriptRuns) {
  ScratchDir dir;
  auto script =
      RenderStartupScript("\r\n#!/bin/bash\r\necho \"job=$RMS_CLOUD_TASKS_JOB_ID\"\r\n", GcpValues());
  ASSERT_TRUE(script.ok()) << script.status().ToString();
  EXPECT_EQ(script->find('\r'), std::string::npos);
  EXPECT_THAT(*script, StartsWith("#!/bin/bash\nexport "));
  auto r = RunBashFile(*script, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "job=job-1\n");
}

TEST(RenderStartupScript, ShebangOnlyScriptStillRuns) {
  ScratchDir dir;
  auto script = RenderStartupScript("#!/bin/bash", GcpValues());
  ASSERT_TRUE(script.ok());
  auto r = RunBashFile(*script, dir.path());
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(RenderStartupScript, EmptyScriptNamesTheConfigKeys) {
  for (const char* text : {"", "  \r\n\t\n"}) {
    auto script = RenderStartupScript(text, GcpValues());
    ASSERT_FALSE(script.ok());
    EXPECT_EQ(script.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_THAT(script.status().message(), HasSubstr("startup_script"));
    EXPECT_THAT(script.status().message(), HasSubstr("startup_script_file"));
  }
}

TEST(RenderStartupScript, UnrepresentableValuesAreErrors) {
  StartupValues v = GcpValues();
  v.job_id = std::string("a\0b", 3);
  auto script = RenderStartupScript("echo hi", v);
  ASSERT_FALSE(script.ok());
  EXPECT_THAT(script.status().message(), HasSubstr("RMS_CLOUD_TASKS_JOB_ID"));

  v = GcpValues();
  v.price_per_hour = std::numeric_limits<double>::infinity();
  script = RenderStartupScript("echo hi", v);
  ASSERT_FALSE(script.ok());
  EXPECT_THAT(script.status().message(), HasSubstr("RMS_CLOUD_TASKS_INSTANCE_PRICE"));
}

}  // namespace
}  // namespace cloud_tasks::orchestrator
