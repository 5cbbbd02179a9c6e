#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>

#include "taskfile/task_reader.h"
#include "taskfile_test_util.h"

namespace cloud_tasks::taskfile {
namespace {

// Removes the temp files the tests wrote.
class RemoveTempFiles : public ::testing::Environment {
 public:
  void TearDown() override {
    for (const std::string& path : testing_util::CreatedFiles()) std::remove(path.c_str());
  }
};

[[maybe_unused]] ::testing::Environment* const kRemoveTempFiles =
    ::testing::AddGlobalTestEnvironment(new RemoveTempFiles);

TEST(DetectFormat, RecognisesEveryExtension) {
  struct Case {
    const char* path;
    Format format;
    bool gzip;
  } cases[] = {
      {"tasks.json", Format::kJson, false},   {"a/b/tasks.JSON", Format::kJson, false},
      {"t.jsonl", Format::kJsonLines, false}, {"t.ndjson", Format::kJsonLines, false},
      {"t.yaml", Format::kYaml, false},       {"t.YML", Format::kYaml, false},
      {"t.json.gz", Format::kJson, true},     {"t.jsonl.GZ", Format::kJsonLines, true},
      {"t.Yaml.gz", Format::kYaml, true},     {"t.yml.gz", Format::kYaml, true},
  };
  for (const Case& c : cases) {
    auto info = DetectFormat(c.path);
    ASSERT_TRUE(info.ok()) << c.path;
    EXPECT_EQ(info->format, c.format) << c.path;
    EXPECT_EQ(info->gzip, c.gzip) << c.path;
  }
}

TEST(DetectFormat, RejectsOtherNames) {
  for (const char* path :
       {"tasks.txt", "tasks.json.bz2", "tasks.gz", "tasks", "tasks.json.gz.bak", "jsonl"}) {
    auto info = DetectFormat(path);
    ASSERT_FALSE(info.ok()) << path;
    EXPECT_EQ(info.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(info.status().message(),
              std::string("Unsupported file format for tasks: ") + path +
                  " (must end in .json, .jsonl, .yaml or .yml, optionally followed by .gz)");
  }
}

TEST(TaskReaderOpen, MissingFileIsNotFound) {
  auto reader = TaskReader::Open(::testing::TempDir() + "does_not_exist.json");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(reader.status().message(), ::testing::HasSubstr("does_not_exist.json"));
}

TEST(TaskReaderOpen, UnsupportedExtensionFailsAtOpen) {
  auto reader = TaskReader::Open("tasks.csv");
  ASSERT_FALSE(reader.ok());
  EXPECT_THAT(reader.status().message(),
              ::testing::HasSubstr("Unsupported file format for tasks: tasks.csv"));
}

}  // namespace
}  // namespace cloud_tasks::taskfile
