#include "worker/notice_watcher.h"

#include <chrono>

#include "core/logging.h"

namespace cloud_tasks::worker {

NoticeWatcher::NoticeWatcher(SpotNoticeChecker& checker, double interval_seconds, std::function<void()> wake)
    : checker_(checker),
      interval_seconds_(interval_seconds),
      wake_(std::move(wake)),
      thread_([this] { Run(); }) {}

NoticeWatcher::~NoticeWatcher() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void NoticeWatcher::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    lock.unlock();
    Result<bool> notice = checker_.Check();
    lock.lock();
    if (stop_) break;
    if (!notice.ok()) {
      LogDebug("Spot notice check failed (will retry): {}", notice.status().message());
    } else if (*notice) {
      noticed_ = true;
      if (wake_) wake_();
      break;
    }
    cv_.wait_for(lock, std::chrono::duration<double>(interval_seconds_), [this] { return stop_; });
  }
}

}  // namespace cloud_tasks::worker
