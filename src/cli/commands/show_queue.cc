// `cloud_tasks show_queue`: task queue depth and, with --detail, a sample message (CLI-42).

#include <fmt/format.h>

#include "cli/provider_command.h"
#include "core/files.h"
#include "core/json.h"
#include "queue/task_queue.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

class ShowQueueCommand : public ProviderCommand {
 public:
  ShowQueueCommand()
      : ProviderCommand({"show_queue",
                         "Show the depth of the task queue (and a sample message with --detail)",
                         {Group::kJob, Group::kCredentials},
                         {},
                         true,
                         "the task queue"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    sub.add_flag("--detail", detail_, "Peek at one message (it stays in the queue)");
  }

  int Execute(const config::Settings& settings) override {
    auto queues = OpenQueues(settings);
    if (!queues.ok()) return Fail(queues.status().message());
    std::string name = QueueName(settings);
    fmt::print("Checking queue depth for '{}'...\n", name);
    auto q = (*queues)->Open(name);
    if (!q.ok())
      return Fail(q.status().message() + "\nCheck the job id / queue name and the provider settings.");
    auto depth = (*q)->Depth();
    if (!depth.ok()) return Fail("Failed to get queue depth: " + depth.status().message());
    int64_t n = depth->visible + depth->in_flight;
    fmt::print("Queue depth: {} ({} waiting, {} being worked on)\n", n, depth->visible, depth->in_flight);
    if (n == 0) {
      fmt::print("Queue is empty. No messages available.\n");
      return 0;
    }
    if (detail_) return Peek(**q);
    return 0;
  }

 private:
  static int Peek(queue::TaskQueue& q) {
    fmt::print("Attempting to peek at first message...\n");
    auto got = q.Receive(1, std::chrono::seconds(30), std::chrono::milliseconds(0));
    if (!got.ok()) return Fail("Cannot receive a message: " + got.status().message());
    if (got->empty()) {
      fmt::print(
          "Could not retrieve a sample message.\nEvery message is being worked on (leased) right now.\n"
          "Try again later.\n");
      return 0;
    }
    const queue::ReceivedMessage& m = got->front();
    Status released = q.Release(m.receipt);  // back at once, untouched
    fmt::print("\n{}\nSAMPLE MESSAGE\n{}\n", std::string(60, '='), std::string(60, '='));
    Json body = Json::parse(m.body, nullptr, false);
    if (!body.is_discarded() && body.is_object() && body.contains("task_id")) {
      fmt::print("Task ID: {}\n",
                 body["task_id"].is_string() ? body["task_id"].get<std::string>() : body["task_id"].dump());
    }
    fmt::print("Receipt: {}\n", m.receipt.size() > 50 ? m.receipt.substr(0, 50) + "..." : m.receipt);
    if (!body.is_discarded()) {
      fmt::print("Data:\n{}\n", body.contains("data") ? body["data"].dump(2) : body.dump(2));
    } else {
      fmt::print("Data:\n{}\n", m.body);
    }
    if (!released.ok())
      return Fail("The sample message could not be returned at once (" + released.message() +
                  "); it comes back when its 30 s lease ends");
    fmt::print("Note: Message was not removed from the queue.\n");
    return 0;
  }

  bool detail_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeShowQueueCommand() { return std::make_unique<ShowQueueCommand>(); }

}  // namespace cloud_tasks::cli
