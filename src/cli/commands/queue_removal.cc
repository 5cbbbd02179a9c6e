#include "cli/commands/queue_removal.h"

#include <fmt/format.h>

#include "cli/common.h"
#include "cli/interaction.h"
#include "queue/factory/queue_factory.h"

namespace cloud_tasks::cli {

std::vector<std::string> QueueSelection::Names(const std::string& queue_name) const {
  std::vector<std::string> names;
  if (!event_queue_only) names.push_back(queue_name);
  if (!task_queue_only) names.push_back(queue::EventQueueName(queue_name));
  return names;
}

int RemoveQueues(const config::Settings& settings, const QueueSelection& selection, bool delete_queues) {
  auto queues = OpenQueues(settings);
  if (!queues.ok()) return Fail(queues.status().message());
  const std::string& provider = settings.provider;
  for (const std::string& name : selection.Names(QueueName(settings))) {
    auto q = (*queues)->Open(name);
    if (!q.ok()) {
      if (q.status().code() == ErrorCode::kNotFound) {
        fmt::print("Queue '{}' does not exist; nothing to do.\n", name);
        continue;
      }
      return Fail(q.status().message());
    }
    auto depth = (*q)->Depth();
    std::string count =
        depth.ok() ? std::to_string(depth->visible + depth->in_flight) : "an unknown number of";
    fmt::print("Queue '{}' has {} messages.\n", name, count);
    std::string verb = delete_queues ? "DELETE" : "EMPTY";
    std::string warning =
        delete_queues ? fmt::format(
                            "This will permanently delete the queue '{}' from {}.\n"
                            "This operation cannot be undone and will remove all infrastructure.",
                            name, provider)
                      : fmt::format("This will permanently delete all {}+ messages from queue '{}' on '{}'.",
                                    count, name, provider);
    if (!selection.force && !ConfirmByTyping(warning, verb + " " + name)) {
      fmt::print("Operation cancelled.\n");
      return 0;
    }
    if (delete_queues) {
      q->reset();
      fmt::print("Deleting queue '{}' from {}...\n", name, provider);
      Status st = (*queues)->Delete(name);
      if (!st.ok()) return Fail(st.message());
      fmt::print("Queue '{}' has been deleted.\n", name);
    } else {
      fmt::print("Emptying queue '{}'...\n", name);
      Status st = (*q)->Purge();
      if (!st.ok()) return Fail(st.message());
    }
  }
  return 0;
}

}  // namespace cloud_tasks::cli
