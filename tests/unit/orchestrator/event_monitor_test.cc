// The manager's event monitor: events recorded before they are acknowledged, keep-alives
// to the callback only, malformed events dropped with an error, redeliveries ignored,
// the output file (0600, seeded only when new).

#include "orchestrator/event_monitor.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "queue/in_memory_queue.h"

namespace cloud_tasks::orchestrator {
namespace {

using namespace std::chrono_literals;

struct Fixture {
  Fixture() {
    dir = std::filesystem::path(::testing::TempDir()) /
          ("ct_monitor_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto s = jobdb::JobStore::Open({.path = (dir / "job.db").string(), .mode = jobdb::OpenMode::kCreate});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    store = std::move(*s);
    std::vector<jobdb::NewTask> tasks = {{"t1", "{}"}, {"t2", "{}"}};
    EXPECT_TRUE(store->InsertTasks(tasks).ok());
    std::vector<std::string> ids = {"t1", "t2"};
    EXPECT_TRUE(store->MarkEnqueued(ids).ok());
    auto a = queues.CreateIfMissing("job-events");
    auto b = queues.CreateIfMissing("job-events");
    events = std::move(*a);
    sender = std::move(*b);
  }
  ~Fixture() { std::filesystem::remove_all(dir); }
  void Send(const std::vector<std::string>& bodies) {
    auto sent = sender->Send(bodies);
    ASSERT_TRUE(sent.ok());
  }
  std::string Status(const std::string& id) {
    auto t = store->GetTask(id);
    EXPECT_TRUE(t.ok());
    return t.ok() && *t ? (*t)->status : "";
  }
  static inline int counter = 0;
  std::filesystem::path dir;
  queue::InMemoryQueueService queues;
  std::unique_ptr<jobdb::JobStore> store;
  std::unique_ptr<queue::TaskQueue> events;
  std::unique_ptr<queue::TaskQueue> sender;
};

std::string Completed(const std::string& id) {
  return R"({"timestamp": "2026-01-01T00:00:00.000000+00:00", "hostname": "h", "event_type": "task_completed", )"
         R"("task_id": ")" +
         id + R"(", "retry": false, "elapsed_time": 1.0, "result": 3})";
}

EventMonitorOptions Output(const std::string& path, bool seed) {
  EventMonitorOptions o;
  o.output_file = path;
  o.seed_output_file = seed;
  return o;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(EventMonitor, RecordsEventsThenAcknowledgesThem) {
  Fixture f;
  std::vector<std::string> heard;
  EventMonitorOptions o;
  o.on_keepalive = [&](const std::string& id) { heard.push_back(id); };
  auto m = EventMonitor::Create(f.events.get(), f.store.get(), o);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  f.Send(
      {Completed("t1"),
       R"({"timestamp": "2026-01-01T00:00:00+00:00", "hostname": "h", "event_type": "keep_alive", "instance_id": "i-1"})",
       R"({"timestamp": "2026-01-01T00:00:00+00:00", "hostname": "h2", "event_type": "keep_alive"})",
       "not json at all"});
  auto cycle = (*m)->Poll(0ms);
  ASSERT_TRUE(cycle.ok()) << cycle.status().ToString();
  EXPECT_EQ(cycle->received, 4);
  EXPECT_EQ(cycle->applied, 1);
  EXPECT_EQ(cycle->keep_alives, 2);
  EXPECT_EQ(cycle->malformed, 1);
  EXPECT_EQ(f.Status("t1"), "completed");
  EXPECT_EQ(f.Status("t2"), "in_queue_original");
  EXPECT_EQ(heard, (std::vector<std::string>{"i-1", "h2"}));
  auto depth = f.sender->Depth();
  EXPECT_EQ(depth->visible + depth->in_flight, 0);  // all acknowledged
}

TEST(EventMonitor, ARedeliveredEventIsADuplicateAndNotWrittenTwice) {
  Fixture f;
  std::string out = (f.dir / "events.jsonl").string();
  auto m = EventMonitor::Create(f.events.get(), f.store.get(), Output(out, false));
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  f.Send({Completed("t1")});
  ASSERT_TRUE((*m)->Poll(0ms).ok());
  f.Send({Completed("t1")});  // e.g. the manager died before acknowledging
  auto cycle = (*m)->Poll(0ms);
  ASSERT_TRUE(cycle.ok());
  EXPECT_EQ(cycle->duplicates, 1);
  EXPECT_EQ(ReadAll(out), Completed("t1") + "\n");
  struct stat st;
  ASSERT_EQ(::stat(out.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(EventMonitor, SeedsANewOutputFileFromTheDatabaseButNeverAnExistingOne) {
  Fixture f;
  {
    auto m = EventMonitor::Create(f.events.get(), f.store.get(), {});
    f.Send({Completed("t1")});
    ASSERT_TRUE((*m)->Poll(0ms).ok());
  }
  std::string fresh = (f.dir / "fresh.jsonl").string();
  auto m = EventMonitor::Create(f.events.get(), f.store.get(), Output(fresh, true));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(ReadAll(fresh), Completed("t1") + "\n");
  m->reset();
  std::string existing = (f.dir / "existing.jsonl").string();
  std::ofstream(existing) << "kept\n";
  auto m2 = EventMonitor::Create(f.events.get(), f.store.get(), Output(existing, true));
  ASSERT_TRUE(m2.ok());
  EXPECT_EQ(ReadAll(existing), "kept\n");
}

TEST(EventMonitor, AnOutputFileThatCannotBeOpenedIsAnError) {
  Fixture f;
  auto m = EventMonitor::Create(f.events.get(), f.store.get(), Output("/nonexistent-dir/x.jsonl", false));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("/nonexistent-dir/x.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace cloud_tasks::orchestrator
