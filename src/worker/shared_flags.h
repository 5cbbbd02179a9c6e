#pragma once
/// Flags visible across fork: a shared anonymous page written by the worker and read by
/// task processes (WorkerContext::termination_notice_received / shutdown_requested).

#include <atomic>

namespace cloud_tasks::worker {

class SharedFlags {
 public:
  SharedFlags();
  ~SharedFlags();
  SharedFlags(const SharedFlags&) = delete;
  SharedFlags& operator=(const SharedFlags&) = delete;

  void SetTerminationNotice();
  void SetShutdownRequested();
  bool termination_notice() const;
  bool shutdown_requested() const;

 private:
  struct Page {
    std::atomic<int> termination_notice;
    std::atomic<int> shutdown_requested;
  };
  Page* page_;
};

}  // namespace cloud_tasks::worker
