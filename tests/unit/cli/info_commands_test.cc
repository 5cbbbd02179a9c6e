// The information commands on the local provider (list_regions, list_images), and the
// pieces they share: the single-border table and `--sort-by` parsing.

#include <gtest/gtest.h>

#include "cli/sort_keys.h"
#include "cli/text_table.h"
#include "cli_test_util.h"

namespace cloud_tasks::cli {
namespace {

using testing::Cli;
using testing::ProcessResult;

TEST(TextTable, AlignsColumnsAndDrawsSingleBorders) {
  TextTable t;
  t.AddColumn("Name");
  t.AddColumn("Mem\n(GB)", TextTable::Align::kRight);
  t.AddRow({"a", "2.00"});
  t.AddRow({"longer-name", "128.00"});
  EXPECT_EQ(t.Render(),
            "┌─────────────┬────────┐\n"
            "│ Name        │ Mem    │\n"
            "│             │ (GB)   │\n"
            "├─────────────┼────────┤\n"
            "│ a           │   2.00 │\n"
            "│ longer-name │ 128.00 │\n"
            "└─────────────┴────────┘\n");
}

TEST(TextTable, WidthCountsCodePointsNotBytes) {
  EXPECT_EQ(DisplayWidth("héllo"), 5u);
  TextTable t;
  t.AddColumn("x");
  t.AddRow({"é"});
  EXPECT_NE(t.Render().find("│ é │"), std::string::npos) << t.Render();
}

TEST(SortKeys, AliasesDescendingAndUnknownNames) {
  std::vector<SortField> fields = {{"vcpu", {"v", "cpu"}}, {"name", {"n", "type"}}};
  auto keys = ParseSortKeys(" -CPU, type ", fields);
  ASSERT_TRUE(keys.ok()) << keys.status().ToString();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].field, "vcpu");
  EXPECT_TRUE((*keys)[0].descending);
  EXPECT_EQ((*keys)[1].field, "name");
  EXPECT_FALSE((*keys)[1].descending);
  auto bad = ParseSortKeys("vcpu,size", fields);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "Invalid sort field: size");
}

TEST(InfoCommands, ListRegionsOnTheLocalProvider) {
  ProcessResult r = Cli({"list_regions", "--provider", "local", "--zones"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Found 1 regions:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("│ local  │ This machine │ local │"), std::string::npos) << r.out;
  ProcessResult none = Cli({"list_regions", "--provider", "local", "--prefix", "us-"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_NE(none.out.find("No regions found with prefix 'us-'"), std::string::npos) << none.out;
  ProcessResult detail = Cli({"list_regions", "--provider", "local", "--detail"});
  EXPECT_NE(detail.out.find("Region: local\nDescription: This machine\nZones: local\n"), std::string::npos)
      << detail.out;
}

TEST(InfoCommands, ListImagesOnTheLocalProvider) {
  ProcessResult r = Cli({"list_images", "--provider", "local"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Retrieving images...\nFound 1 images for LOCAL:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("│ host │"), std::string::npos) << r.out;
  ProcessResult filtered = Cli({"list_images", "--provider", "local", "--filter", "HOST", "--detail"});
  EXPECT_NE(filtered.out.find("Found 1 filtered images for LOCAL:"), std::string::npos) << filtered.out;
  EXPECT_NE(filtered.out.find("ID: host"), std::string::npos) << filtered.out;
  ProcessResult none = Cli({"list_images", "--provider", "local", "--filter", "no-such-image"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_NE(none.out.find("No images found"), std::string::npos) << none.out;
  ProcessResult bad = Cli({"list_images", "--provider", "local", "--sort-by", "-name,colour"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("Invalid sort field: colour"), std::string::npos) << bad.err;
}

TEST(InfoCommands, ListInstanceTypesOnTheLocalProvider) {
  ProcessResult r =
      Cli({"list_instance_types", "--provider", "local", "--price-per-hour", "0.5", "--detail"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Retrieving instance types and prices...\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("│ local    │"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0.5000"), std::string::npos) << r.out;  // total $/hour, 4 decimals
  // Constraints come from the merged configuration, like `run` (BUG-CLI-03).
  ProcessResult none = Cli({"list_instance_types", "--provider", "local", "--min-cpu", "100000"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_NE(none.out.find("No instance types found"), std::string::npos) << none.out;
  ProcessResult csv = Cli({"list_instance_types", "--provider", "local", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("name,architecture,vcpu,", 0), 0u) << csv.out;
  EXPECT_NE(csv.out.find("\nlocal,"), std::string::npos) << csv.out;
  ProcessResult json =
      Cli({"list_instance_types", "--provider", "local", "--format", "json", "--sort-by", "-tp"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out.rfind("[", 0), 0u) << json.out;
  EXPECT_NE(json.out.find("\"name\": \"local\""), std::string::npos) << json.out;
  ProcessResult bad = Cli({"list_instance_types", "--provider", "local", "--sort-by", "colour"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("Invalid sort field: colour"), std::string::npos) << bad.err;
}

const std::string kCatalog = std::string(CT_SOURCE_DIR) + "/tests/fixtures/catalogs/gcp_us-central1.csv";

// --catalog works offline: provider gcp, no credentials, nothing reached.
TEST(InfoCommands, ListInstanceTypesFromACatalogFile) {
  ProcessResult r = Cli({"list_instance_types", "--provider", "gcp", "--region", "us-central1", "--catalog",
                         kCatalog, "--instance-types", "^n2-", "--min-cpu", "16", "--max-cpu", "32",
                         "--boot-disk-types", "pd-ssd", "--format", "csv", "--sort-by", "tp_per_cpu,zone"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines;
  for (size_t pos = 0, nl; (nl = r.out.find('\n', pos)) != std::string::npos; pos = nl + 1)
    lines.push_back(r.out.substr(pos, nl - pos));
  ASSERT_GT(lines.size(), 1u) << r.out;
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].rfind("n2-", 0), 0u) << lines[i];
    EXPECT_NE(lines[i].find(",pd-ssd,us-central1-"), std::string::npos) << lines[i];
  }
  ProcessResult missing = Cli({"list_instance_types", "--provider", "gcp", "--catalog", "/nonexistent.csv"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("/nonexistent.csv"), std::string::npos) << missing.err;
}

TEST(InfoCommands, DryRunPlansOfflineFromACatalogFile) {
  testing::TempDir dir;
  dir.Write("tasks.jsonl", "{\"task_id\": \"a\", \"data\": {}}\n{\"task_id\": \"b\", \"data\": {}}\n");
  dir.Write("config.yml",
            "provider: gcp\ngcp:\n  job_id: offline\n  region: us-central1\n  project_id: p\n"
            "  startup_script: \"true\"\n");
  ProcessResult r = Cli({"run", "--config", "config.yml", "--task-file", "tasks.jsonl", "--dry-run", "--catalog",
                         kCatalog, "--estimated-task-seconds", "90", "--max-instances", "1"},
                        dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Selected e2-highcpu-32 (pd-standard) in us-central1-a"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Runner-up 1: e2-highcpu-16"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Planned pool: 1 instance of e2-highcpu-32, 32 vCPUs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Estimate: 1 wave of 90 s"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(dir.path()) / "offline.db"));
}

}  // namespace
}  // namespace cloud_tasks::cli
