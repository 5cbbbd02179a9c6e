#pragma once
// The queue conformance suite's fixture: one "Backend" type per TaskQueue backend, and a
// typed fixture giving each test a fresh service (and, for LocalQueue, a fresh directory).

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "queue/in_memory_queue.h"
#include "queue/local/local_queue.h"
#include "queue/task_queue.h"

namespace cloud_tasks::queue::testing {

using namespace std::chrono_literals;

struct InMemoryBackend {
  /// Whether other processes can use the queues (fork tests).
  static constexpr bool kMultiProcess = false;
  static std::unique_ptr<QueueService> MakeService(const std::string& /*dir*/) {
    return std::make_unique<InMemoryQueueService>();
  }
  /// Text that error messages about a missing queue name besides the queue.
  static std::string Location(const std::string& /*dir*/) { return ""; }
};

struct LocalBackend {
  static constexpr bool kMultiProcess = true;
  static std::unique_ptr<QueueService> MakeService(const std::string& dir) {
    return std::make_unique<LocalQueueService>(LocalQueueOptions{.directory = dir + "/queues"});
  }
  static std::string Location(const std::string& dir) { return dir + "/queues"; }
};

template <typename Backend>
class QueueConformanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "queue_conformance" /
                                (std::string(info->test_suite_name()) + "." + info->name());
    std::string name = dir.string();
    for (char& c : name) {
      if (c == '<' || c == '>') c = '_';
    }
    dir_ = name;
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    service_ = Backend::MakeService(dir_);
  }

  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(dir_);
  }

  /// CreateIfMissing(name), failing the test on error.
  std::unique_ptr<TaskQueue> Create(const std::string& name = "tasks") {
    auto queue = service_->CreateIfMissing(name);
    EXPECT_TRUE(queue.ok()) << queue.status().ToString();
    return queue.ok() ? std::move(queue).value() : nullptr;
  }

  /// A second handle on an existing queue (its own connection for LocalQueue).
  std::unique_ptr<TaskQueue> OpenAgain(const std::string& name = "tasks") {
    auto queue = service_->Open(name);
    EXPECT_TRUE(queue.ok()) << queue.status().ToString();
    return queue.ok() ? std::move(queue).value() : nullptr;
  }

  static void SendAll(TaskQueue& queue, const std::vector<std::string>& bodies) {
    auto results = queue.Send(bodies);
    ASSERT_TRUE(results.ok()) << results.status().ToString();
    ASSERT_EQ(results->size(), bodies.size());
    for (const Status& s : *results) EXPECT_TRUE(s.ok()) << s.ToString();
  }

  static std::vector<ReceivedMessage> ReceiveNow(TaskQueue& queue, size_t max,
                                                 std::chrono::seconds lease = 60s) {
    auto received = queue.Receive(max, lease, 0ms);
    EXPECT_TRUE(received.ok()) << received.status().ToString();
    return received.ok() ? std::move(received).value() : std::vector<ReceivedMessage>();
  }

  static QueueDepth DepthOf(TaskQueue& queue) {
    auto depth = queue.Depth();
    EXPECT_TRUE(depth.ok()) << depth.status().ToString();
    return depth.ok() ? *depth : QueueDepth{-1, -1};
  }

  std::string dir_;
  std::unique_ptr<QueueService> service_;
};

using QueueBackends = ::testing::Types<InMemoryBackend, LocalBackend>;

class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, InMemoryBackend>) return "InMemory";
    return "Local";
  }
};

}  // namespace cloud_tasks::queue::testing
