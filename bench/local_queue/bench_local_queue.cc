// bench_local_queue: throughput of LocalQueue (one SQLite file shared by processes).
//
//   bench_local_queue [--messages N (default 100000)] [--dir D (default: a new /tmp dir)]
//
// Messages look like task bodies (~60 bytes of JSON). Phases, each timed on its own:
//   1. send N in batches of 10 (the SQS batch size);
//   2. receive(10) + acknowledge(10) until empty, 1 client process;
//   3. send N in batches of 100;
//   4. receive(10) + acknowledge(10) until empty, 4 client processes.
// Client processes are forked before they open the queue (each has its own connection)
// and start together. Prints messages per second for each phase. Goal: >= 20,000/s.

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "queue/local/local_queue.h"

namespace {

using cloud_tasks::queue::LocalQueueOptions;
using cloud_tasks::queue::LocalQueueService;
using cloud_tasks::queue::TaskQueue;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr const char* kQueue = "bench";

struct Args {
  size_t messages = 100000;
  std::string dir;
};

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    std::string value = argv[++i];
    if (flag == "--messages") {
      args.messages = std::stoull(value);
    } else if (flag == "--dir") {
      args.dir = value;
    } else {
      return false;
    }
  }
  return args.messages > 0;
}

std::string TaskBody(size_t i) {
  return fmt::format(R"({{"task_id": "task-{:06d}", "data": {{"num1": {}, "num2": {}}}}})", i + 1, i % 97,
                     i % 89);
}

[[noreturn]] void Fail(const cloud_tasks::Status& status) {
  std::fprintf(stderr, "bench_local_queue: %s\n", status.ToString().c_str());
  std::exit(1);
}

std::unique_ptr<TaskQueue> OpenQueue(const std::string& dir) {
  LocalQueueService service(LocalQueueOptions{.directory = dir});
  auto queue = service.CreateIfMissing(kQueue);
  if (!queue.ok()) Fail(queue.status());
  return std::move(queue).value();
}

void Report(const char* phase, size_t n, Clock::duration elapsed) {
  double secs = std::chrono::duration<double>(elapsed).count();
  fmt::print("{:<44} {:>9} msgs in {:7.3f} s = {:>9.0f} msgs/s\n", phase, n, secs, n / secs);
  std::fflush(stdout);
}

void SendAll(const std::string& dir, size_t n, size_t batch_size, const char* phase) {
  std::vector<std::string> bodies;
  bodies.reserve(n);
  for (size_t i = 0; i < n; ++i) bodies.push_back(TaskBody(i));
  auto queue = OpenQueue(dir);
  auto start = Clock::now();
  for (size_t i = 0; i < n; i += batch_size) {
    size_t count = std::min(batch_size, n - i);
    auto results = queue->Send(std::span<const std::string>(bodies.data() + i, count));
    if (!results.ok()) Fail(results.status());
    for (const auto& s : *results) {
      if (!s.ok()) Fail(s);
    }
  }
  Report(phase, n, Clock::now() - start);
}

// Child: receive(10) + acknowledge until the queue is empty; returns messages acked.
size_t Consume(TaskQueue& queue) {
  size_t acked = 0;
  std::vector<std::string> receipts;
  while (true) {
    auto received = queue.Receive(10, 300s, 0ms);
    if (!received.ok()) Fail(received.status());
    if (received->empty()) {
      auto depth = queue.Depth();
      if (!depth.ok()) Fail(depth.status());
      if (depth->visible == 0 && depth->in_flight == 0) return acked;
      std::this_thread::sleep_for(1ms);
      continue;
    }
    receipts.clear();
    for (const auto& m : *received) receipts.push_back(m.receipt);
    auto acks = queue.Acknowledge(receipts);
    if (!acks.ok()) Fail(acks.status());
    for (const auto& s : *acks) {
      if (!s.ok()) Fail(s);
      ++acked;
    }
  }
}

void ReceiveWithClients(const std::string& dir, size_t n, int clients, const char* phase) {
  int ready[2], go[2], result[2];
  if (::pipe(ready) != 0 || ::pipe(go) != 0 || ::pipe(result) != 0) std::exit(1);
  std::vector<pid_t> pids;
  for (int c = 0; c < clients; ++c) {
    pid_t pid = ::fork();
    if (pid == 0) {
      auto queue = OpenQueue(dir);
      char byte = 1;
      if (::write(ready[1], &byte, 1) != 1 || ::read(go[0], &byte, 1) != 1) ::_exit(1);
      uint64_t acked = Consume(*queue);
      if (::write(result[1], &acked, sizeof(acked)) != sizeof(acked)) ::_exit(1);
      ::_exit(0);
    }
    pids.push_back(pid);
  }
  char byte;
  for (int c = 0; c < clients; ++c) {
    if (::read(ready[0], &byte, 1) != 1) std::exit(1);
  }
  auto start = Clock::now();
  std::string go_bytes(static_cast<size_t>(clients), '\1');
  if (::write(go[1], go_bytes.data(), go_bytes.size()) != static_cast<ssize_t>(go_bytes.size())) std::exit(1);
  uint64_t total = 0;
  for (int c = 0; c < clients; ++c) {
    uint64_t acked = 0;
    if (::read(result[0], &acked, sizeof(acked)) != sizeof(acked)) {
      std::fprintf(stderr, "bench_local_queue: a client failed\n");
      std::exit(1);
    }
    total += acked;
  }
  auto elapsed = Clock::now() - start;
  for (pid_t pid : pids) ::waitpid(pid, nullptr, 0);
  if (total != n) {
    std::fprintf(stderr, "bench_local_queue: acknowledged %llu of %zu messages\n",
                 static_cast<unsigned long long>(total), n);
    std::exit(1);
  }
  Report(phase, n, elapsed);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    std::fprintf(stderr, "usage: bench_local_queue [--messages N] [--dir D]\n");
    return 2;
  }
  bool own_dir = args.dir.empty();
  if (own_dir) {
    char tmpl[] = "/tmp/bench_local_queue.XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) return 1;
    args.dir = tmpl;
  }
  fmt::print("LocalQueue, {} messages of ~{} bytes, queue file in {}\n", args.messages, TaskBody(0).size(),
             args.dir);
  SendAll(args.dir, args.messages, 10, "send, batches of 10");
  ReceiveWithClients(args.dir, args.messages, 1, "receive(10) + acknowledge, 1 client process");
  SendAll(args.dir, args.messages, 100, "send, batches of 100");
  ReceiveWithClients(args.dir, args.messages, 4, "receive(10) + acknowledge, 4 client processes");
  if (own_dir) std::filesystem::remove_all(args.dir);
  return 0;
}
