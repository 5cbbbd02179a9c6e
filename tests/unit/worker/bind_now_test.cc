// A program linked with the worker library resolves its dynamic symbols at start-up
// (-z now, set on ct_worker in CMakeLists.txt), so forked task processes do not each
// redo lazy symbol look-ups. This test binary links ct_worker like a worker program.

#include <elf.h>
#include <gtest/gtest.h>
#include <link.h>

namespace cloud_tasks::worker {
namespace {

bool LinkedWithBindNow() {
  for (const ElfW(Dyn)* d = _DYNAMIC; d->d_tag != DT_NULL; ++d) {
    if (d->d_tag == DT_BIND_NOW) return true;
    if (d->d_tag == DT_FLAGS && (d->d_un.d_val & DF_BIND_NOW)) return true;
    if (d->d_tag == DT_FLAGS_1 && (d->d_un.d_val & DF_1_NOW)) return true;
  }
  return false;
}

TEST(BindNowTest, WorkerProgramsBindSymbolsAtStartUp) { EXPECT_TRUE(LinkedWithBindNow()); }

}  // namespace
}  // namespace cloud_tasks::worker
