// The TaskQueue contract, run against every backend (InMemoryQueue, LocalQueue). The
// concurrency part (threads, processes, crashes) is in queue_concurrency_test.cc.

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "conformance/queue/queue_test_fixture.h"

namespace cloud_tasks::queue::testing {
namespace {

template <typename Backend>
class QueueContractTest : public QueueConformanceTest<Backend> {};
TYPED_TEST_SUITE(QueueContractTest, QueueBackends, BackendNames);

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(QueueNameTest, AcceptsTheSqsRule) {
  EXPECT_TRUE(ValidateQueueName("a").ok());
  EXPECT_TRUE(ValidateQueueName("Job-42_tasks").ok());
  EXPECT_TRUE(ValidateQueueName(std::string(80, 'x')).ok());
}

TEST(QueueNameTest, NamesTheProblem) {
  Status empty = ValidateQueueName("");
  EXPECT_EQ(empty.code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(empty.message(), "empty")) << empty.message();

  Status too_long = ValidateQueueName(std::string(81, 'x'));
  EXPECT_EQ(too_long.code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(too_long.message(), "81 characters")) << too_long.message();
  EXPECT_TRUE(Contains(too_long.message(), "1-80")) << too_long.message();

  Status dot = ValidateQueueName("job.tasks");
  EXPECT_EQ(dot.code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains(dot.message(), "'.' at position 4")) << dot.message();

  Status space = ValidateQueueName("a b");
  EXPECT_TRUE(Contains(space.message(), "a space at position 2")) << space.message();
  Status utf8 = ValidateQueueName("caf\xc3\xa9");
  EXPECT_TRUE(Contains(utf8.message(), "byte 0xc3 at position 4")) << utf8.message();
}

TYPED_TEST(QueueContractTest, ServiceRejectsInvalidNames) {
  EXPECT_EQ(this->service_->CreateIfMissing("bad/name").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->service_->Open("").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->service_->Exists("a b").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(this->service_->Delete("..").code(), ErrorCode::kInvalidArgument);
}

TYPED_TEST(QueueContractTest, OpenMissingIsNotFound) {
  auto queue = this->service_->Open("missing-queue");
  ASSERT_EQ(queue.status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(Contains(queue.status().message(), "missing-queue")) << queue.status().message();
  EXPECT_TRUE(Contains(queue.status().message(), TypeParam::Location(this->dir_)))
      << queue.status().message();
  auto exists = this->service_->Exists("missing-queue");
  ASSERT_TRUE(exists.ok());
  EXPECT_FALSE(*exists);
}

TYPED_TEST(QueueContractTest, CreateIfMissingTwiceSharesTheQueue) {
  auto first = this->Create();
  auto second = this->Create();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->name(), "tasks");
  auto exists = this->service_->Exists("tasks");
  ASSERT_TRUE(exists.ok());
  EXPECT_TRUE(*exists);
  this->SendAll(*first, {"one"});
  auto got = this->ReceiveNow(*second, 10);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].body, "one");
}

TYPED_TEST(QueueContractTest, BodiesRoundTripInOrder) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  std::string big(200 * 1024, ' ');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>('!' + (i * 7919) % 90);
  std::vector<std::string> bodies = {R"({"task_id": "task-000001", "data": {"num1": 12, "num2": 34}})",
                                     "h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93 \xf0\x9f\x98\x80", big,
                                     "line1\nline2\ttab \"quoted\" \\"};
  this->SendAll(*queue, bodies);
  auto got = this->ReceiveNow(*queue, 10);
  ASSERT_EQ(got.size(), bodies.size());
  std::set<std::string> receipts;
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].body, bodies[i]) << "message " << i;
    EXPECT_EQ(got[i].receive_count, 1);
    EXPECT_FALSE(got[i].receipt.empty());
    receipts.insert(got[i].receipt);
  }
  EXPECT_EQ(receipts.size(), bodies.size());
}

TYPED_TEST(QueueContractTest, OversizeOrEmptyBodyFailsAloneInItsBatch) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  const size_t limit = queue->max_message_bytes();
  EXPECT_EQ(limit, 256u * 1024u);
  std::vector<std::string> bodies = {"a", std::string(limit + 1, 'x'), std::string(limit, 'y'), "", "b"};
  auto results = queue->Send(bodies);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  ASSERT_EQ(results->size(), bodies.size());
  EXPECT_TRUE((*results)[0].ok());
  EXPECT_EQ((*results)[1].code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Contains((*results)[1].message(), std::to_string(limit + 1))) << (*results)[1].message();
  EXPECT_TRUE(Contains((*results)[1].message(), std::to_string(limit))) << (*results)[1].message();
  EXPECT_TRUE((*results)[2].ok()) << (*results)[2].ToString();
  EXPECT_EQ((*results)[3].code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE((*results)[4].ok());
  auto got = this->ReceiveNow(*queue, 10);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].body, "a");
  EXPECT_EQ(got[1].body.size(), limit);
  EXPECT_EQ(got[2].body, "b");
}

TYPED_TEST(QueueContractTest, ReceiveRespectsMax) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  std::vector<std::string> bodies;
  for (int i = 0; i < 25; ++i) bodies.push_back(std::string("m").append(std::to_string(i)));
  this->SendAll(*queue, bodies);
  EXPECT_EQ(this->ReceiveNow(*queue, 10).size(), 10u);
  EXPECT_EQ(this->ReceiveNow(*queue, 10).size(), 10u);
  auto last = this->ReceiveNow(*queue, 10);
  ASSERT_EQ(last.size(), 5u);
  EXPECT_EQ(last[4].body, "m24");
  EXPECT_TRUE(this->ReceiveNow(*queue, 10).empty());
  EXPECT_EQ(queue->Receive(0, 60s, 0ms).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(queue->Receive(1, -1s, 0ms).status().code(), ErrorCode::kInvalidArgument);
}

TYPED_TEST(QueueContractTest, LeaseHidesMessageFromAnotherReceiver) {
  auto queue = this->Create();
  auto other = this->OpenAgain();
  ASSERT_TRUE(queue && other);
  this->SendAll(*queue, {"only"});
  ASSERT_EQ(this->ReceiveNow(*queue, 10).size(), 1u);
  EXPECT_TRUE(this->ReceiveNow(*other, 10).empty());
  QueueDepth depth = this->DepthOf(*other);
  EXPECT_EQ(depth.visible, 0);
  EXPECT_EQ(depth.in_flight, 1);
}

TYPED_TEST(QueueContractTest, ExpiredLeaseRedeliversAndStalesTheOldReceipt) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  this->SendAll(*queue, {"again"});
  auto first = this->ReceiveNow(*queue, 1, 1s);
  ASSERT_EQ(first.size(), 1u);
  std::this_thread::sleep_for(1100ms);
  EXPECT_EQ(this->DepthOf(*queue).visible, 1);
  auto second = this->ReceiveNow(*queue, 1, 60s);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].body, "again");
  EXPECT_EQ(second[0].receive_count, 2);
  EXPECT_NE(second[0].receipt, first[0].receipt);
  EXPECT_EQ(queue->ExtendLease(first[0].receipt, 60s).code(), ErrorCode::kNotFound);
  EXPECT_EQ(queue->Release(first[0].receipt).code(), ErrorCode::kNotFound);
  auto stale_ack = queue->Acknowledge(std::vector<std::string>{first[0].receipt});
  ASSERT_TRUE(stale_ack.ok());
  EXPECT_EQ((*stale_ack)[0].code(), ErrorCode::kNotFound);
  auto ack = queue->Acknowledge(std::vector<std::string>{second[0].receipt});
  ASSERT_TRUE(ack.ok());
  EXPECT_TRUE((*ack)[0].ok()) << (*ack)[0].ToString();
}

TYPED_TEST(QueueContractTest, ExtendLeaseKeepsMessageHidden) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  this->SendAll(*queue, {"long task"});
  auto got = this->ReceiveNow(*queue, 1, 1s);
  ASSERT_EQ(got.size(), 1u);
  ASSERT_TRUE(queue->ExtendLease(got[0].receipt, 5s).ok());
  EXPECT_EQ(queue->ExtendLease(got[0].receipt, -1s).code(), ErrorCode::kInvalidArgument);
  std::this_thread::sleep_for(1100ms);
  EXPECT_TRUE(this->ReceiveNow(*queue, 1).empty());
  EXPECT_EQ(this->DepthOf(*queue).in_flight, 1);
  auto ack = queue->Acknowledge(std::vector<std::string>{got[0].receipt});
  ASSERT_TRUE(ack.ok());
  EXPECT_TRUE((*ack)[0].ok()) << (*ack)[0].ToString();
}

TYPED_TEST(QueueContractTest, ReleaseMakesMessageVisibleAtOnce) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  this->SendAll(*queue, {"retry me"});
  auto first = this->ReceiveNow(*queue, 1);
  ASSERT_EQ(first.size(), 1u);
  ASSERT_TRUE(queue->Release(first[0].receipt).ok());
  EXPECT_EQ(queue->Release(first[0].receipt).code(), ErrorCode::kNotFound);
  auto second = this->ReceiveNow(*queue, 1);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].body, "retry me");
  EXPECT_EQ(second[0].receive_count, 2);
  auto stale_ack = queue->Acknowledge(std::vector<std::string>{first[0].receipt});
  ASSERT_TRUE(stale_ack.ok());
  EXPECT_EQ((*stale_ack)[0].code(), ErrorCode::kNotFound);
}

TYPED_TEST(QueueContractTest, AcknowledgeRemovesOnceAndReportsEachReceipt) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  this->SendAll(*queue, {"a", "b"});
  auto got = this->ReceiveNow(*queue, 10);
  ASSERT_EQ(got.size(), 2u);
  auto ack = queue->Acknowledge(std::vector<std::string>{got[0].receipt});
  ASSERT_TRUE(ack.ok());
  EXPECT_TRUE((*ack)[0].ok());
  auto mixed = queue->Acknowledge(std::vector<std::string>{got[1].receipt, got[0].receipt, "not-a-receipt"});
  ASSERT_TRUE(mixed.ok()) << mixed.status().ToString();
  ASSERT_EQ(mixed->size(), 3u);
  EXPECT_TRUE((*mixed)[0].ok()) << (*mixed)[0].ToString();
  EXPECT_EQ((*mixed)[1].code(), ErrorCode::kNotFound);
  EXPECT_EQ((*mixed)[2].code(), ErrorCode::kInvalidArgument);
  QueueDepth depth = this->DepthOf(*queue);
  EXPECT_EQ(depth.visible, 0);
  EXPECT_EQ(depth.in_flight, 0);
  EXPECT_EQ(queue->ExtendLease("garbage", 10s).code(), ErrorCode::kInvalidArgument);
}

TYPED_TEST(QueueContractTest, DepthCountsVisibleAndInFlight) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  QueueDepth empty = this->DepthOf(*queue);
  EXPECT_EQ(empty.visible, 0);
  EXPECT_EQ(empty.in_flight, 0);
  this->SendAll(*queue, {"1", "2", "3", "4", "5"});
  auto got = this->ReceiveNow(*queue, 2);
  ASSERT_EQ(got.size(), 2u);
  QueueDepth depth = this->DepthOf(*queue);
  EXPECT_EQ(depth.visible, 3);
  EXPECT_EQ(depth.in_flight, 2);
  ASSERT_TRUE(queue->Acknowledge(std::vector<std::string>{got[0].receipt}).ok());
  depth = this->DepthOf(*queue);
  EXPECT_EQ(depth.visible, 3);
  EXPECT_EQ(depth.in_flight, 1);
}

TYPED_TEST(QueueContractTest, PurgeDeletesVisibleAndInFlight) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  this->SendAll(*queue, {"1", "2", "3"});
  auto got = this->ReceiveNow(*queue, 1);
  ASSERT_EQ(got.size(), 1u);
  ASSERT_TRUE(queue->Purge().ok());
  QueueDepth depth = this->DepthOf(*queue);
  EXPECT_EQ(depth.visible, 0);
  EXPECT_EQ(depth.in_flight, 0);
  EXPECT_EQ(queue->Release(got[0].receipt).code(), ErrorCode::kNotFound);
  this->SendAll(*queue, {"after purge"});
  auto after = this->ReceiveNow(*queue, 10);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].body, "after purge");
}

TYPED_TEST(QueueContractTest, DeleteRemovesTheQueue) {
  auto queue = this->Create();
  ASSERT_TRUE(queue);
  this->SendAll(*queue, {"doomed"});
  queue.reset();
  ASSERT_TRUE(this->service_->Delete("tasks").ok());
  EXPECT_FALSE(*this->service_->Exists("tasks"));
  EXPECT_EQ(this->service_->Open("tasks").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(this->service_->Delete("tasks").code(), ErrorCode::kNotFound);
  if constexpr (TypeParam::kMultiProcess) {  // no file is left behind
    for (const auto& entry : std::filesystem::directory_iterator(TypeParam::Location(this->dir_))) {
      ADD_FAILURE() << "left behind: " << entry.path();
    }
  }
  auto recreated = this->Create();
  ASSERT_TRUE(recreated);
  EXPECT_EQ(this->DepthOf(*recreated).visible, 0);
}

TYPED_TEST(QueueContractTest, LongPollReturnsWhenAMessageArrives) {
  auto queue = this->Create();
  auto sender = this->OpenAgain();
  ASSERT_TRUE(queue && sender);
  auto start = std::chrono::steady_clock::now();
  auto empty = queue->Receive(1, 60s, 150ms);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_GE(std::chrono::steady_clock::now() - start, 140ms);

  std::thread producer([&] {
    std::this_thread::sleep_for(200ms);
    auto sent = sender->Send(std::vector<std::string>{"late"});
    EXPECT_TRUE(sent.ok());
  });
  start = std::chrono::steady_clock::now();
  auto got = queue->Receive(1, 60s, 20s);
  auto elapsed = std::chrono::steady_clock::now() - start;
  producer.join();
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].body, "late");
  EXPECT_LT(elapsed, 5s);
}

}  // namespace
}  // namespace cloud_tasks::queue::testing
