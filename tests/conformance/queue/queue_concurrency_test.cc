// At-least-once delivery under concurrency, for every backend: threads (each with its own
// handle) and, for backends shared between processes, forked child processes with their
// own connections, plus a consumer that dies holding leases. Every message must be
// acknowledged exactly once and none lost.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <mutex>
#include <thread>

#include "conformance/queue/queue_test_fixture.h"

namespace cloud_tasks::queue::testing {
namespace {

template <typename Backend>
class QueueConcurrencyTest : public QueueConformanceTest<Backend> {};
TYPED_TEST_SUITE(QueueConcurrencyTest, QueueBackends, BackendNames);

constexpr int kMessages = 2000;
constexpr int kThreads = 4;
constexpr int kProcesses = 3;

std::string Body(int i) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "m-%04d", i);
  return buf;
}

// Receives and acknowledges until the queue is empty (no message visible or in flight),
// calling on_acked for each successful acknowledgement.
template <typename OnAcked>
Status ConsumeUntilEmpty(TaskQueue& queue, OnAcked on_acked) {
  const auto give_up = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < give_up) {
    CT_ASSIGN_OR_RETURN(auto received, queue.Receive(10, 30s, 100ms));
    if (received.empty()) {
      CT_ASSIGN_OR_RETURN(QueueDepth depth, queue.Depth());
      if (depth.visible == 0 && depth.in_flight == 0) return OkStatus();
      continue;
    }
    std::vector<std::string> receipts;
    for (const auto& m : received) receipts.push_back(m.receipt);
    CT_ASSIGN_OR_RETURN(auto acks, queue.Acknowledge(receipts));
    for (size_t i = 0; i < acks.size(); ++i) {
      if (acks[i].ok()) on_acked(received[i].body);
    }
  }
  return UnavailableError("queue not empty after 60 s");
}

struct Child {
  pid_t pid = -1;
  int read_fd = -1;
};

// Forks a consumer with its own service and connection; it writes each acknowledged body
// as a line to a pipe and exits 0 when the queue is empty. No gtest in the child.
template <typename Backend>
Child ForkConsumer(const std::string& dir) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    auto service = Backend::MakeService(dir);
    auto queue = service->Open("tasks");
    if (!queue.ok()) ::_exit(2);
    std::string out;
    Status status = ConsumeUntilEmpty(**queue, [&](const std::string& body) { out += body + "\n"; });
    for (size_t done = 0; done < out.size();) {
      ssize_t n = ::write(fds[1], out.data() + done, out.size() - done);
      if (n <= 0) ::_exit(3);
      done += static_cast<size_t>(n);
    }
    ::_exit(status.ok() ? 0 : 1);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

// Forks a consumer that takes leases (1 s) and never acknowledges, then kills it with
// SIGKILL, possibly in the middle of a transaction.
template <typename Backend>
void ForkAndKillVictim(const std::string& dir) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    auto service = Backend::MakeService(dir);
    auto queue = service->Open("tasks");
    if (!queue.ok()) ::_exit(2);
    bool told = false;
    while (true) {
      auto received = (*queue)->Receive(5, 1s, 0ms);
      if (!told && received.ok() && !received->empty()) {
        told = ::write(fds[1], "x", 1) == 1;
      }
    }
  }
  ::close(fds[1]);
  char byte;
  EXPECT_EQ(::read(fds[0], &byte, 1), 1) << "the victim received nothing";
  ::close(fds[0]);
  std::this_thread::sleep_for(5ms);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

std::string ReadAll(int fd) {
  std::string data;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof(buf))) > 0) data.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return data;
}

TYPED_TEST(QueueConcurrencyTest, EveryMessageAcknowledgedExactlyOnce) {
  {
    auto queue = this->Create();
    ASSERT_TRUE(queue);
    std::vector<std::string> batch;
    for (int i = 0; i < kMessages; ++i) {
      batch.push_back(Body(i));
      if (batch.size() == 10) {
        this->SendAll(*queue, batch);
        batch.clear();
      }
    }
  }  // the parent holds no connection across fork()
  // A consumer that dies holding leases: its messages come back after 1 s.
  if constexpr (TypeParam::kMultiProcess) {
    ForkAndKillVictim<TypeParam>(this->dir_);
  } else {
    auto victim = this->OpenAgain();
    ASSERT_TRUE(victim);
    EXPECT_EQ(this->ReceiveNow(*victim, 20, 1s).size(), 20u);
  }
  {
    auto queue = this->OpenAgain();
    ASSERT_TRUE(queue);
    EXPECT_GT(this->DepthOf(*queue).in_flight, 0);
  }

  std::vector<Child> children;
  if constexpr (TypeParam::kMultiProcess) {
    for (int i = 0; i < kProcesses; ++i) children.push_back(ForkConsumer<TypeParam>(this->dir_));
  }
  std::mutex mutex;
  std::map<std::string, int> acked;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto queue = this->service_->Open("tasks");
      ASSERT_TRUE(queue.ok()) << queue.status().ToString();
      Status status = ConsumeUntilEmpty(**queue, [&](const std::string& body) {
        std::lock_guard lock(mutex);
        ++acked[body];
      });
      EXPECT_TRUE(status.ok()) << status.ToString();
    });
  }
  for (auto& thread : threads) thread.join();
  int from_children = 0;
  for (const Child& child : children) {
    ASSERT_GT(child.pid, 0);
    std::string lines = ReadAll(child.read_fd);
    int status = 0;
    ASSERT_EQ(::waitpid(child.pid, &status, 0), child.pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
    for (size_t pos = 0, end; (end = lines.find('\n', pos)) != std::string::npos; pos = end + 1) {
      ++acked[lines.substr(pos, end - pos)];
      ++from_children;
    }
  }
  EXPECT_EQ(acked.size(), static_cast<size_t>(kMessages));
  for (int i = 0; i < kMessages; ++i) EXPECT_EQ(acked[Body(i)], 1) << Body(i);
  if constexpr (TypeParam::kMultiProcess) {
    EXPECT_GT(from_children, 0);
  }
  auto queue = this->OpenAgain();
  ASSERT_TRUE(queue);
  QueueDepth depth = this->DepthOf(*queue);
  EXPECT_EQ(depth.visible, 0);
  EXPECT_EQ(depth.in_flight, 0);
}

}  // namespace
}  // namespace cloud_tasks::queue::testing
