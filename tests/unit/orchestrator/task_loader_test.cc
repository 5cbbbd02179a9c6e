// Loading a job: file checked first, confirmation before anything is replaced, fresh
// queues and database, tasks sent and marked, failed sends left pending and re-sent.

#include "orchestrator/task_loader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/json.h"
#include "queue/in_memory_queue.h"

namespace cloud_tasks::orchestrator {
namespace {

using namespace std::chrono_literals;

struct Dir {
  Dir() {
    path = std::filesystem::path(::testing::TempDir()) /
           ("ct_loader_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~Dir() { std::filesystem::remove_all(path); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
  std::string File(const std::string& name) const { return (path / name).string(); }
  static inline int counter = 0;
  std::filesystem::path path;
};

std::string Tasks(int n, int first = 0) {
  std::string s;
  for (int i = first; i < first + n; ++i)
    s += R"({"task_id": "t)" + std::to_string(i) + R"(", "data": {"i": )" + std::to_string(i) + "}}\n";
  return s;
}

LoadOptions Options(const Dir& d, const std::string& file) {
  LoadOptions o;
  o.task_file = file;
  o.db_path = d.File("job.db");
  o.queue_name = "job";
  o.batch_size = 7;
  return o;
}

int64_t Count(jobdb::JobStore& store, const std::string& status) {
  auto counts = store.CountsByStatus();
  EXPECT_TRUE(counts.ok());
  auto it = counts->find(status);
  return it == counts->end() ? 0 : it->second;
}

int64_t Visible(queue::QueueService& s, const std::string& name) {
  auto q = s.Open(name);
  EXPECT_TRUE(q.ok()) << q.status().ToString();
  return (*q)->Depth()->visible;
}

TEST(TaskMessage, IsTheTaskFileObjectAsCompactJson) {
  std::string m = TaskMessage("a \"quoted\" id", R"({"x":1})");
  Json j = Json::parse(m);
  EXPECT_EQ(j["task_id"], "a \"quoted\" id");
  EXPECT_EQ(j["data"]["x"], 1);
}

TEST(LoadTasks, RecordsSendsAndMarksEveryTask) {
  Dir d;
  queue::InMemoryQueueService queues;
  std::unique_ptr<jobdb::JobStore> store;
  int64_t last_progress = 0;
  LoadOptions o = Options(d, d.Write("t.jsonl", Tasks(20)));
  o.progress = [&](int64_t done, int64_t total) {
    EXPECT_EQ(total, 20);
    last_progress = done;
  };
  auto r = LoadTasks(queues, o, &store);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->cancelled);
  EXPECT_EQ(r->tasks, 20);
  EXPECT_EQ(r->enqueued, 20);
  EXPECT_EQ(r->failed, 0);
  EXPECT_EQ(last_progress, 20);
  EXPECT_EQ(Visible(queues, "job"), 20);
  EXPECT_TRUE(*queues.Exists("job-events"));
  auto counts = store->CountsByStatus();
  EXPECT_EQ((*counts)["in_queue_original"], 20);
  struct stat st;
  ASSERT_EQ(::stat(o.db_path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // The message is what a worker parses.
  auto q = queues.Open("job");
  auto got = (*q)->Receive(1, 60s, 0ms);
  Json body = Json::parse(got->at(0).body);
  EXPECT_EQ(body["task_id"], "t0");
  EXPECT_EQ(body["data"]["i"], 0);
}

TEST(LoadTasks, StartTaskAndLimitPickTheSameTasksAsTheReader) {
  Dir d;
  queue::InMemoryQueueService queues;
  LoadOptions o = Options(d, d.Write("t.jsonl", Tasks(20)));
  o.start_task = 5;
  o.limit = 4;
  auto r = LoadTasks(queues, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->tasks, 4);
  auto q = queues.Open("job");
  auto got = (*q)->Receive(10, 60s, 0ms);
  ASSERT_EQ(got->size(), 4u);
  EXPECT_EQ(Json::parse(got->at(0).body)["task_id"], "t5");
}

TEST(LoadTasks, ABadFileChangesNothing) {
  Dir d;
  queue::InMemoryQueueService queues;
  LoadOptions first = Options(d, d.Write("good.jsonl", Tasks(3)));
  ASSERT_TRUE(LoadTasks(queues, first).ok());
  LoadOptions o = Options(d, d.Write("bad.jsonl", Tasks(2) + Tasks(1)));  // t0 twice
  o.confirm_replace = [](const std::string&) { return true; };
  auto r = LoadTasks(queues, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("duplicate"), std::string::npos) << r.status().message();
  EXPECT_EQ(Visible(queues, "job"), 3);  // the old queue is untouched
  auto store = jobdb::JobStore::Open({.path = o.db_path, .mode = jobdb::OpenMode::kReadOnly});
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->TotalTasks(), 3);
}

TEST(LoadTasks, AsksBeforeReplacingAndCancelsWithNothingChanged) {
  Dir d;
  queue::InMemoryQueueService queues;
  ASSERT_TRUE(LoadTasks(queues, Options(d, d.Write("a.jsonl", Tasks(3)))).ok());
  std::string asked;
  LoadOptions o = Options(d, d.Write("b.jsonl", Tasks(5, 100)));
  o.confirm_replace = [&](const std::string& what) {
    asked = what;
    return false;
  };
  auto r = LoadTasks(queues, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->cancelled);
  EXPECT_NE(asked.find("task queue 'job' holding 3 message(s)"), std::string::npos) << asked;
  EXPECT_NE(asked.find("job database"), std::string::npos) << asked;
  EXPECT_EQ(Visible(queues, "job"), 3);
  // Without a confirmation callback (no terminal, no --force) it is also cancelled.
  o.confirm_replace = nullptr;
  EXPECT_TRUE(LoadTasks(queues, o)->cancelled);
  // Confirmed: replaced.
  o.confirm_replace = [](const std::string&) { return true; };
  auto replaced = LoadTasks(queues, o);
  ASSERT_TRUE(replaced.ok());
  EXPECT_FALSE(replaced->cancelled);
  EXPECT_EQ(Visible(queues, "job"), 5);
}

TEST(LoadTasks, AnOversizeTaskStaysPendingAndIsSentAgainLater) {
  Dir d;
  queue::InMemoryQueueOptions small;
  small.max_message_bytes = 200;
  queue::InMemoryQueueService queues(small);
  std::string big = R"({"task_id": "big", "data": {"s": ")" + std::string(300, 'x') + "\"}}\n";
  LoadOptions o = Options(d, d.Write("t.jsonl", Tasks(3) + big));
  std::unique_ptr<jobdb::JobStore> store;
  auto r = LoadTasks(queues, o, &store);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->enqueued, 3);
  EXPECT_EQ(r->failed, 1);
  EXPECT_NE(r->first_failure.find("task 'big'"), std::string::npos) << r->first_failure;
  EXPECT_EQ(Count(*store, "pending"), 1);
  // Still too big: still pending, counted.
  auto q = queues.Open("job");
  int64_t failed = 0;
  auto resent = ResendPending(*store, **q, 10, &failed);
  ASSERT_TRUE(resent.ok());
  EXPECT_EQ(*resent, 0);
  EXPECT_EQ(failed, 1);
  // A queue that accepts it: sent and marked.
  queue::InMemoryQueueService roomy;
  auto q2 = roomy.CreateIfMissing("job");
  resent = ResendPending(*store, **q2, 10, &failed);
  ASSERT_TRUE(resent.ok());
  EXPECT_EQ(*resent, 1);
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(Count(*store, "pending"), 0);
}

TEST(LoadTasks, RejectsAnInvalidQueueName) {
  Dir d;
  queue::InMemoryQueueService queues;
  LoadOptions o = Options(d, d.Write("t.jsonl", Tasks(1)));
  o.queue_name = "bad name";
  EXPECT_EQ(LoadTasks(queues, o).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace cloud_tasks::orchestrator
