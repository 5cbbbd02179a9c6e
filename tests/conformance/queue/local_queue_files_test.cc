// LocalQueue specifics beyond the shared contract: file names, modes and bad files.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "queue/local/local_queue.h"

namespace cloud_tasks::queue {
namespace {

using namespace std::chrono_literals;

class LocalQueueFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) / "local_queue_files" /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static int ModeOf(const std::filesystem::path& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return -1;
    return static_cast<int>(st.st_mode & 07777);
  }

  std::filesystem::path dir_;
};

TEST_F(LocalQueueFilesTest, CreatesPrivateDirectoryAndFiles) {
  std::filesystem::path queues = dir_ / "state" / "queues";
  LocalQueueService service({.directory = queues.string()});
  auto queue = service.CreateIfMissing("jobs");
  ASSERT_TRUE(queue.ok()) << queue.status().ToString();
  auto sent = (*queue)->Send(std::vector<std::string>{"x"});
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(ModeOf(dir_ / "state"), 0700);
  EXPECT_EQ(ModeOf(queues), 0700);
  EXPECT_EQ(ModeOf(queues / "jobs.queue.db"), 0600);
  EXPECT_EQ(ModeOf(queues / "jobs.queue.db-wal"), 0600);
  EXPECT_EQ(ModeOf(queues / "jobs.queue.db-shm"), 0600);
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(queues)) ++files;
  EXPECT_EQ(files, 3) << "no temporary file is left behind";
}

TEST_F(LocalQueueFilesTest, OpenMissingNamesQueueAndDirectory) {
  LocalQueueService service({.directory = (dir_ / "nowhere").string()});
  auto queue = service.Open("jobs");
  ASSERT_EQ(queue.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(queue.status().message().find("'jobs'"), std::string::npos) << queue.status().message();
  EXPECT_NE(queue.status().message().find((dir_ / "nowhere").string()), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "nowhere")) << "Open creates nothing";
}

TEST_F(LocalQueueFilesTest, RejectsAFileThatIsNotAQueue) {
  std::ofstream(dir_ / "junk.queue.db") << "not a database, just some text that is long enough";
  LocalQueueService service({.directory = dir_.string()});
  auto queue = service.Open("junk");
  EXPECT_EQ(queue.status().code(), ErrorCode::kFailedPrecondition) << queue.status().ToString();
}

TEST_F(LocalQueueFilesTest, EmptyDirectoryOptionIsAnError) {
  LocalQueueService service({});
  EXPECT_EQ(service.CreateIfMissing("jobs").status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(LocalQueueFilesTest, MessagesSurviveReopening) {
  LocalQueueService service({.directory = dir_.string()});
  {
    auto queue = service.CreateIfMissing("jobs");
    ASSERT_TRUE(queue.ok());
    ASSERT_TRUE((*queue)->Send(std::vector<std::string>{"kept", "leased"}).ok());
    auto leased = (*queue)->Receive(1, 60s, 0ms);
    ASSERT_TRUE(leased.ok());
  }
  auto queue = service.Open("jobs");
  ASSERT_TRUE(queue.ok());
  auto depth = (*queue)->Depth();
  ASSERT_TRUE(depth.ok());
  EXPECT_EQ(depth->visible, 1);
  EXPECT_EQ(depth->in_flight, 1);
}

}  // namespace
}  // namespace cloud_tasks::queue
