// The shared-memory mailbox through which a forked library task reports how it ended.

#include "worker/result_mailbox.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace cloud_tasks::worker {
namespace {

std::unique_ptr<ResultMailbox> NewBox() {
  auto box = ResultMailbox::Create();
  EXPECT_TRUE(box.ok()) << box.status().message();
  return std::move(*box);
}

TEST(ResultMailbox, EmptyUntilPosted) {
  auto box = NewBox();
  uint64_t t = box->Arm();
  EXPECT_FALSE(box->Collect(t).has_value());
  ASSERT_TRUE(box->Post(t, 'd', "null"));
  auto m = box->Collect(t);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->kind, 'd');
  EXPECT_EQ(m->payload, "null");
}

TEST(ResultMailbox, OnlyTheCurrentTicketPostsAndOnlyOnce) {
  auto box = NewBox();
  uint64_t old_ticket = box->Arm();
  uint64_t t = box->Arm();
  EXPECT_FALSE(box->Post(old_ticket, 'd', "1"));  // a leftover of an earlier task
  ASSERT_TRUE(box->Post(t, 'd', "2"));
  EXPECT_FALSE(box->Post(t, 'd', "3"));  // a second process of the same task
  EXPECT_FALSE(box->Collect(old_ticket).has_value());
  EXPECT_EQ(box->Collect(t)->payload, "2");
  uint64_t next = box->Arm();  // re-armed: the earlier message is gone
  EXPECT_FALSE(box->Collect(next).has_value());
  EXPECT_FALSE(box->Collect(t).has_value());
}

TEST(ResultMailbox, MessagesOfAnySizeArrive) {
  auto box = NewBox();
  for (size_t size : {size_t{0}, ResultMailbox::kMappedBytes - 64, ResultMailbox::kMappedBytes,
                      size_t{3} << 20, size_t{10}}) {
    std::string text(size, 'x');
    if (size) text[size - 1] = 'y';
    uint64_t t = box->Arm();
    ASSERT_TRUE(box->Post(t, 'r', text)) << size;
    auto m = box->Collect(t);
    ASSERT_TRUE(m.has_value()) << size;
    EXPECT_EQ(m->kind, 'r');
    EXPECT_EQ(m->payload, text) << size;
  }
}

TEST(ResultMailbox, AForkedProcessPostsToItsParent) {
  auto box = NewBox();
  for (int round = 0; round < 3; ++round) {
    uint64_t t = box->Arm();
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      bool ok = round == 1 || box->Post(t, 'e', std::string(200000, 'a' + round));
      ::_exit(ok ? 0 : 1);  // round 1: dies without posting
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    auto m = box->Collect(t);
    if (round == 1) {
      EXPECT_FALSE(m.has_value());
    } else {
      ASSERT_TRUE(m.has_value());
      EXPECT_EQ(m->payload, std::string(200000, 'a' + round));
    }
  }
}

}  // namespace
}  // namespace cloud_tasks::worker
