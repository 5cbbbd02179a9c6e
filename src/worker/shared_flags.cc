#include "worker/shared_flags.h"

#include <sys/mman.h>

#include <new>

namespace cloud_tasks::worker {

SharedFlags::SharedFlags() {
  void* p = ::mmap(nullptr, sizeof(Page), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  page_ = new (p) Page{};
}

SharedFlags::~SharedFlags() { ::munmap(page_, sizeof(Page)); }

void SharedFlags::SetTerminationNotice() { page_->termination_notice = 1; }
void SharedFlags::SetShutdownRequested() { page_->shutdown_requested = 1; }
bool SharedFlags::termination_notice() const { return page_->termination_notice.load() != 0; }
bool SharedFlags::shutdown_requested() const { return page_->shutdown_requested.load() != 0; }

}  // namespace cloud_tasks::worker
