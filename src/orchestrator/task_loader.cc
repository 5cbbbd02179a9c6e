#include "orchestrator/task_loader.h"

#include <fmt/format.h>

#include "core/files.h"
#include "core/json.h"
#include "core/logging.h"
#include "jobdb/task_status.h"
#include "queue/factory/queue_factory.h"
#include "taskfile/task_reader.h"

namespace cloud_tasks::orchestrator {
namespace {

// Sends one batch; marks the tasks whose send succeeded. Adds to the counters.
Status SendBatch(queue::TaskQueue& queue, jobdb::JobStore& store, const std::vector<jobdb::NewTask>& batch,
                 LoadResult& result) {
  std::vector<std::string> bodies;
  bodies.reserve(batch.size());
  for (const auto& t : batch) bodies.push_back(TaskMessage(t.task_id, t.data_json));
  CT_ASSIGN_OR_RETURN(std::vector<Status> sent, queue.Send(bodies));
  std::vector<std::string> ok_ids;
  ok_ids.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    if (i < sent.size() && sent[i].ok()) {
      ok_ids.push_back(batch[i].task_id);
      continue;
    }
    ++result.failed;
    if (result.first_failure.empty()) {
      std::string why = i < sent.size() ? sent[i].message() : "no status returned";
      result.first_failure = fmt::format("task '{}': {}", batch[i].task_id, why);
    }
  }
  CT_ASSIGN_OR_RETURN(int64_t marked, store.MarkEnqueued(ok_ids));
  result.enqueued += marked;
  return OkStatus();
}

// Streams the task file through `each_batch`.
Status ForEachBatch(const LoadOptions& o,
                    const std::function<Status(const std::vector<jobdb::NewTask>&)>& each) {
  taskfile::ReaderOptions ro{.start_task = static_cast<uint64_t>(o.start_task),
                             .limit = o.limit,
                             .check_duplicates = false};  // validated before
  CT_ASSIGN_OR_RETURN(auto reader, taskfile::TaskReader::Open(o.task_file, ro));
  std::vector<jobdb::NewTask> batch;
  taskfile::Task task;
  for (;;) {
    CT_ASSIGN_OR_RETURN(bool more, reader->Next(task));
    if (more) batch.push_back({std::move(task.task_id), std::move(task.data_json)});
    if (batch.size() >= o.batch_size || (!more && !batch.empty())) {
      CT_RETURN_IF_ERROR(each(batch));
      batch.clear();
    }
    if (!more) return OkStatus();
  }
}

// What a fresh load would replace, for the confirmation question; "" when nothing.
Result<std::string> WhatWouldBeReplaced(queue::QueueService& queues, const LoadOptions& o) {
  std::vector<std::string> parts;
  CT_ASSIGN_OR_RETURN(bool exists, queues.Exists(o.queue_name));
  if (exists) {
    CT_ASSIGN_OR_RETURN(auto q, queues.Open(o.queue_name));
    auto depth = q->Depth();
    if (!depth.ok()) {
      parts.push_back(fmt::format("task queue '{}' (its depth could not be read: {})", o.queue_name,
                                  depth.status().message()));
    } else if (depth->visible + depth->in_flight > 0) {
      parts.push_back(fmt::format("task queue '{}' holding {} message(s)", o.queue_name,
                                  depth->visible + depth->in_flight));
    }
  }
  if (FileExists(o.db_path)) parts.push_back(fmt::format("job database '{}'", o.db_path));
  std::string what;
  for (const auto& p : parts) what += (what.empty() ? "" : " and ") + p;
  return what;
}

Status FreshQueues(queue::QueueService& queues, const std::string& name) {
  for (const std::string& q : {name, queue::EventQueueName(name)}) {
    CT_ASSIGN_OR_RETURN(bool exists, queues.Exists(q));
    if (exists) CT_RETURN_IF_ERROR(queues.Delete(q));
    CT_RETURN_IF_ERROR(queues.CreateIfMissing(q).status());
  }
  return OkStatus();
}

}  // namespace

std::string TaskMessage(const std::string& task_id, const std::string& data_json) {
  return fmt::format(R"({{"task_id":{},"data":{}}})", Json(task_id).dump(-1, ' ', false), data_json);
}

Result<LoadResult> LoadTasks(queue::QueueService& queues, const LoadOptions& o,
                             std::unique_ptr<jobdb::JobStore>* store_out) {
  LoadResult result;
  CT_RETURN_IF_ERROR(queue::ValidateQueueName(o.queue_name));
  // 1. The whole file is checked before anything is touched.
  taskfile::ReaderOptions ro{
      .start_task = static_cast<uint64_t>(o.start_task), .limit = o.limit, .check_duplicates = true};
  CT_ASSIGN_OR_RETURN(uint64_t total, taskfile::ValidateTaskFile(o.task_file, ro));
  // 2. Ask before replacing anything (BUG-CLI-05).
  CT_ASSIGN_OR_RETURN(std::string what, WhatWouldBeReplaced(queues, o));
  if (!what.empty() && !(o.confirm_replace && o.confirm_replace(what))) {
    result.cancelled = true;
    return result;
  }
  // 3. Fresh queues and database; every task recorded as pending.
  CT_RETURN_IF_ERROR(FreshQueues(queues, o.queue_name));
  CT_ASSIGN_OR_RETURN(
      auto store,
      jobdb::JobStore::Open({.path = o.db_path, .mode = jobdb::OpenMode::kCreate, .replace_existing = true}));
  CT_RETURN_IF_ERROR(ForEachBatch(o, [&](const std::vector<jobdb::NewTask>& batch) {
    result.tasks += static_cast<int64_t>(batch.size());
    return store->InsertTasks(batch);
  }));
  // 4. Send, marking each task once its send succeeded.
  CT_ASSIGN_OR_RETURN(auto queue, queues.Open(o.queue_name));
  int64_t done = 0;
  CT_RETURN_IF_ERROR(ForEachBatch(o, [&](const std::vector<jobdb::NewTask>& batch) {
    CT_RETURN_IF_ERROR(SendBatch(*queue, *store, batch, result));
    done += static_cast<int64_t>(batch.size());
    if (o.progress) o.progress(done, static_cast<int64_t>(total));
    return OkStatus();
  }));
  if (result.failed > 0)
    LogWarning("{} task(s) could not be sent and stay 'pending' (first: {}); `--continue` sends them again",
               result.failed, result.first_failure);
  if (store_out) *store_out = std::move(store);
  return result;
}

Result<int64_t> ResendPending(jobdb::JobStore& store, queue::TaskQueue& queue, size_t batch_size,
                              int64_t* failed) {
  LoadResult result;
  int64_t cursor = 0;
  for (;;) {
    CT_ASSIGN_OR_RETURN(jobdb::TaskPage page,
                        store.ListTasksWithStatus(jobdb::kStatusPending, cursor, batch_size));
    if (page.tasks.empty()) break;
    CT_RETURN_IF_ERROR(SendBatch(queue, store, page.tasks, result));
    cursor = page.next_cursor;
  }
  if (failed) *failed = result.failed;
  if (result.failed > 0)
    LogWarning("{} pending task(s) could not be sent again (first: {})", result.failed, result.first_failure);
  return result.enqueued;
}

}  // namespace cloud_tasks::orchestrator
