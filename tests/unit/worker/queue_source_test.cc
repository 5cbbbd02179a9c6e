// The worker's queue side against the in-memory queue (which passes the same
// conformance suite as the local one): task messages, leases renewed while a task runs,
// ack after the event, release on retry, abandoned tasks when the event is lost,
// event publishing with retries, keep-alives.

#include <gtest/gtest.h>

#include <thread>

#include "queue/in_memory_queue.h"
#include "worker/event_sinks.h"
#include "worker/keepalive.h"
#include "worker/queue_task_source.h"
#include "worker_test_util.h"

namespace cloud_tasks::worker {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::CollectingSink;
using testing::TempFolder;

// A clock the test moves by hand, shared by the queue and the source.
struct FakeClock {
  Clock::time_point now = Clock::time_point() + 1000h;
  std::function<Clock::time_point()> fn() {
    return [this] { return now; };
  }
};

std::unique_ptr<queue::TaskQueue> Create(queue::QueueService& service, const std::string& name) {
  auto q = service.CreateIfMissing(name);
  EXPECT_TRUE(q.ok()) << q.status().ToString();
  return std::move(*q);
}

void SendAll(queue::TaskQueue& q, const std::vector<std::string>& bodies) {
  auto sent = q.Send(bodies);
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  for (const auto& st : *sent) ASSERT_TRUE(st.ok()) << st.ToString();
}

std::string TaskBody(const std::string& id, int i) {
  return R"({"task_id": ")" + id + R"(", "data": {"i": )" + std::to_string(i) + "}}";
}

TEST(ParseTaskMessage, AcceptsATaskAndNamesEachBrokenRule) {
  auto ok = ParseTaskMessage(R"({"task_id": "a-1", "data": {"x": [1, 2]}})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->task_id, "a-1");
  EXPECT_EQ(ok->data_json, R"({"x":[1,2]})");
  EXPECT_NE(ParseTaskMessage("not json").status().message().find("not a JSON object"), std::string::npos);
  EXPECT_NE(ParseTaskMessage(R"({"data": {}})").status().message().find("task_id"), std::string::npos);
  EXPECT_NE(ParseTaskMessage(R"({"task_id": "", "data": {}})").status().message().find("task_id"),
            std::string::npos);
  EXPECT_NE(ParseTaskMessage(R"({"task_id": 7, "data": {}})").status().message().find("task_id"),
            std::string::npos);
  EXPECT_NE(ParseTaskMessage(R"({"task_id": "a", "data": [1]})").status().message().find("'data'"),
            std::string::npos);
}

TEST(QueueTaskSource, ReceivesTasksAcknowledgesAndReleases) {
  queue::InMemoryQueueService service;
  auto producer = Create(service, "jobq");
  SendAll(*producer, {TaskBody("t1", 1), TaskBody("t2", 2)});
  QueueTaskSource source(Create(service, "jobq"), {.lease = 60s, .wait = 0ms});
  auto items = source.Receive(5);
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].task_id, "t1");
  EXPECT_EQ((*items)[0].data_json, R"({"i":1})");
  EXPECT_FALSE((*items)[0].handle.empty());
  EXPECT_EQ(source.outstanding(), 2u);
  EXPECT_FALSE(source.exhausted());

  ASSERT_TRUE(source.Acknowledge((*items)[0]).ok());
  ASSERT_TRUE(source.Release((*items)[1]).ok());
  EXPECT_EQ(source.outstanding(), 0u);
  auto depth = producer->Depth();
  ASSERT_TRUE(depth.ok());
  EXPECT_EQ(depth->visible, 1);  // t2 is back, t1 is gone
  EXPECT_EQ(depth->in_flight, 0);
  auto again = source.Receive(5);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].task_id, "t2");
}

TEST(QueueTaskSource, AMessageThatIsNotATaskIsSkippedAndStaysInTheQueue) {
  queue::InMemoryQueueService service;
  auto producer = Create(service, "jobq");
  SendAll(*producer, {"garbage", TaskBody("t1", 1)});
  QueueTaskSource source(Create(service, "jobq"), {.lease = 60s, .wait = 0ms});
  auto items = source.Receive(5);
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].task_id, "t1");
  auto depth = producer->Depth();
  EXPECT_EQ(depth->visible + depth->in_flight, 2);  // the bad message was not deleted
}

// A task running longer than its lease keeps it: the source renews it, so no second
// worker receives the task meanwhile (WRK-70).
TEST(QueueTaskSource, RenewsTheLeaseOfARunningTask) {
  FakeClock clock;
  queue::InMemoryQueueService service({.clock = clock.fn()});
  auto other_worker = Create(service, "jobq");
  SendAll(*other_worker, {TaskBody("t1", 1)});
  QueueTaskSource source(Create(service, "jobq"), {.lease = 10s, .wait = 0ms, .now = clock.fn()});
  auto items = source.Receive(1);
  ASSERT_EQ(items->size(), 1u);
  for (int step = 0; step < 6; ++step) {  // 36 s of running, lease 10 s
    clock.now += 6s;
    source.Tick();
    auto stolen = other_worker->Receive(1, 10s, 0ms);
    ASSERT_TRUE(stolen.ok());
    EXPECT_TRUE(stolen->empty()) << "delivered again after " << (step + 1) * 6 << " s";
  }
  ASSERT_TRUE(source.Acknowledge((*items)[0]).ok());
  EXPECT_EQ(other_worker->Depth()->visible + other_worker->Depth()->in_flight, 0);
}

TEST(QueueTaskSource, WithoutRenewalTheLeaseEndsAndTheTaskComesBack) {
  FakeClock clock;
  queue::InMemoryQueueService service({.clock = clock.fn()});
  auto other_worker = Create(service, "jobq");
  SendAll(*other_worker, {TaskBody("t1", 1)});
  QueueTaskSource source(Create(service, "jobq"), {.lease = 10s, .wait = 0ms, .now = clock.fn()});
  auto items = source.Receive(1);
  ASSERT_EQ(items->size(), 1u);
  source.Abandon((*items)[0]);  // e.g. its event could not be published
  clock.now += 6s;
  source.Tick();  // nothing to renew any more
  clock.now += 6s;
  auto again = other_worker->Receive(1, 10s, 0ms);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ(again->at(0).receive_count, 2);
}

// Fails the first `failures` sends, then behaves.
class FlakyQueue : public queue::TaskQueue {
 public:
  FlakyQueue(std::unique_ptr<queue::TaskQueue> inner, int failures)
      : inner_(std::move(inner)), left_(failures) {}
  const std::string& name() const override { return inner_->name(); }
  size_t max_message_bytes() const override { return inner_->max_message_bytes(); }
  Result<std::vector<Status>> Send(std::span<const std::string> bodies) override {
    ++calls;
    if (left_-- > 0) return UnavailableError("queue is down");
    return inner_->Send(bodies);
  }
  Result<std::vector<queue::ReceivedMessage>> Receive(size_t max, std::chrono::seconds lease,
                                                      std::chrono::milliseconds wait) override {
    return inner_->Receive(max, lease, wait);
  }
  Status ExtendLease(const std::string& r, std::chrono::seconds lease) override {
    return inner_->ExtendLease(r, lease);
  }
  Status Release(const std::string& r) override { return inner_->Release(r); }
  Result<std::vector<Status>> Acknowledge(std::span<const std::string> r) override {
    return inner_->Acknowledge(r);
  }
  Result<queue::QueueDepth> Depth() override { return inner_->Depth(); }
  Status Purge() override { return inner_->Purge(); }
  int calls = 0;

 private:
  std::unique_ptr<queue::TaskQueue> inner_;
  int left_;
};

TEST(QueueEventSink, PublishesOneCompactJsonMessagePerEvent) {
  queue::InMemoryQueueService service;
  auto reader = Create(service, "jobq-events");
  QueueEventSink sink(Create(service, "jobq-events"));
  Json event = MakeTaskEvent("h", event_type::kTaskCompleted, "t1", false, 1.5);
  ASSERT_TRUE(sink.Emit(event).ok());
  auto got = reader->Receive(10, 60s, 0ms);
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ(Json::parse(got->at(0).body), event);
  EXPECT_EQ(got->at(0).body.find('\n'), std::string::npos);
}

TEST(QueueEventSink, TriesAgainAfterAFailedSendAndGivesUpAfterItsAttempts) {
  queue::InMemoryQueueService service;
  auto reader = Create(service, "e");
  auto flaky = std::make_unique<FlakyQueue>(Create(service, "e"), 2);
  FlakyQueue* raw = flaky.get();
  QueueEventSink sink(std::move(flaky), 3, 1ms);
  ASSERT_TRUE(sink.Emit(MakeEvent("h", event_type::kSpotTermination)).ok());
  EXPECT_EQ(raw->calls, 3);
  EXPECT_EQ(reader->Depth()->visible, 1);

  auto down = std::make_unique<FlakyQueue>(Create(service, "e"), 100);
  QueueEventSink failing(std::move(down), 3, 1ms);
  Status st = failing.Emit(MakeEvent("h", event_type::kSpotTermination));
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("queue is down"), std::string::npos);
}

TEST(QueueEventSink, AnOversizeEventIsNotTriedAgain) {
  queue::InMemoryQueueOptions small;
  small.max_message_bytes = 100;
  queue::InMemoryQueueService service(small);
  auto flaky = std::make_unique<FlakyQueue>(Create(service, "e"), 0);
  FlakyQueue* raw = flaky.get();
  QueueEventSink sink(std::move(flaky), 3, 1ms);
  Json event = MakeEvent("h", event_type::kNonFatalException);
  event["exception"] = std::string(500, 'x');
  EXPECT_EQ(sink.Emit(event).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(raw->calls, 1);
}

TEST(KeepAliveSender, SendsAtOnceThenEveryIntervalWithTheInstanceId) {
  FakeClock clock;
  CollectingSink sink;
  KeepAliveSender sender(
      sink, [] { return std::string("i-0abc"); }, "host-1", 60s, clock.fn());
  sender.Tick();
  ASSERT_EQ(sink.events.size(), 1u);
  const Json& e = sink.events[0];
  EXPECT_EQ(e["event_type"], "keep_alive");
  EXPECT_EQ(e["instance_id"], "i-0abc");
  EXPECT_EQ(e["hostname"], "host-1");
  EXPECT_TRUE(e.contains("timestamp"));
  clock.now += 59s;
  sender.Tick();
  EXPECT_EQ(sink.events.size(), 1u);
  clock.now += 1s;
  sender.Tick();
  EXPECT_EQ(sink.events.size(), 2u);
  EXPECT_EQ(sender.sent(), 2);
}

// `n` slots, at most `n` tasks.
SupervisorOptions Options(int n) {
  SupervisorOptions o;
  o.slots = n;
  o.max_num_tasks = n;
  o.hostname = "h";
  return o;
}

// A sink that fails every event.
struct BrokenSink : EventSink {
  Status Emit(const Json&) override { return UnavailableError("event queue is down"); }
};

// The supervisor acknowledges a task only after its event is recorded; when it cannot
// be, the task is left to its lease and comes back (nothing is lost).
TEST(SupervisorWithQueue, AcknowledgesAfterTheEventAndAbandonsWhenTheEventIsLost) {
  TempFolder dir;
  std::filesystem::create_directories(dir.path() + "/scratch");
  auto launcher = CommandLauncher::Create({.command = {"/bin/true"},
                                           .address_space_limit = std::nullopt,
                                           .task_output_dir = "",
                                           .scratch_dir = dir.path() + "/scratch",
                                           .extra_env = {}});
  ASSERT_TRUE(launcher.ok());
  queue::InMemoryQueueService service;
  auto producer = Create(service, "jobq");
  SendAll(*producer, {TaskBody("t1", 1), TaskBody("t2", 2), TaskBody("t3", 3)});
  {
    QueueTaskSource source(Create(service, "jobq"), {.lease = 60s, .wait = 0ms});
    CollectingSink events;
    Supervisor supervisor(Options(2), source, **launcher, events);
    auto stats = supervisor.Run();
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(events.OfType("task_completed").size(), 2u);
    auto depth = producer->Depth();
    EXPECT_EQ(depth->visible, 1);  // two acknowledged, the third never taken
    EXPECT_EQ(depth->in_flight, 0);
  }
  {
    QueueTaskSource source(Create(service, "jobq"), {.lease = 60s, .wait = 0ms});
    BrokenSink events;
    Supervisor supervisor(Options(1), source, **launcher, events);
    ASSERT_TRUE(supervisor.Run().ok());
    auto depth = producer->Depth();
    EXPECT_EQ(depth->visible, 0);
    EXPECT_EQ(depth->in_flight, 1);  // not acknowledged: back when the lease ends
  }
}

}  // namespace
}  // namespace cloud_tasks::worker
