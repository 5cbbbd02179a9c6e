#pragma once
/// Polls a SpotNoticeChecker on its own thread, so a slow or unreachable metadata server
/// never stalls the worker's loop (a check may take up to its 2 s timeout). When a
/// notice is seen, `noticed()` turns true and `wake` is called to rouse the loop.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "worker/spot_notice.h"

namespace cloud_tasks::worker {

class NoticeWatcher {
 public:
  /// Starts polling `checker` (not owned) every `interval_seconds`.
  NoticeWatcher(SpotNoticeChecker& checker, double interval_seconds, std::function<void()> wake);
  ~NoticeWatcher();  ///< stops and joins the thread
  NoticeWatcher(const NoticeWatcher&) = delete;
  NoticeWatcher& operator=(const NoticeWatcher&) = delete;

  bool noticed() const { return noticed_.load(); }

 private:
  void Run();

  SpotNoticeChecker& checker_;
  double interval_seconds_;
  std::function<void()> wake_;
  std::atomic<bool> noticed_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace cloud_tasks::worker
