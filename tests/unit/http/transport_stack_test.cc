// The decorators stacked on the real transport, over loopback:
// Retry(RateLimited(Curl)).
#include <gtest/gtest.h>

#include "http/curl_transport.h"
#include "http/rate_limited_transport.h"
#include "http/retry_transport.h"
#include "support/loopback_http_server.h"

namespace cloud_tasks::http {
namespace {

using std::chrono::milliseconds;
using testing::LoopbackAnswer;
using testing::LoopbackHttpServer;

struct Stack {
  std::vector<milliseconds> retry_sleeps, pace_sleeps;
  std::unique_ptr<RetryTransport> top;

  Stack() {
    CurlTransport::Options curl_options;
    curl_options.proxy = "";
    std::shared_ptr<HttpTransport> curl = std::move(CurlTransport::Create(curl_options)).value();
    RateLimiter::Options pace;
    BucketSpec bucket;
    bucket.name = "test.bucket";
    bucket.capacity = 1;
    bucket.refill_per_second = 10;
    pace.buckets = {bucket};
    pace.sleep = [this](milliseconds d) { pace_sleeps.push_back(d); };
    std::shared_ptr<RateLimiter> limiter = std::move(RateLimiter::Create(pace)).value();
    std::shared_ptr<HttpTransport> paced = std::move(RateLimitedTransport::Create(curl, limiter)).value();
    RetryTransport::Options retry;
    retry.random = [] { return 0.0; };
    retry.sleep = [this](milliseconds d) { retry_sleeps.push_back(d); };
    top = std::move(RetryTransport::Create(paced, retry)).value();
  }
};

TEST(TransportStackTest, ThrottledPostIsPacedRetriedAndSucceedsOnOneConnection) {
  LoopbackHttpServer server;
  LoopbackAnswer throttled;
  throttled.status = 400;
  throttled.headers = {{"x-amzn-RequestId", "r-1"}, {"Retry-After", "1"}};
  throttled.body = R"({"__type":"com.amazonaws.sqs#RequestThrottled","message":"Rate exceeded"})";
  server.Script(throttled);
  LoopbackAnswer ok;
  ok.body = "{}";
  server.Script(ok);
  Stack stack;
  HttpRequest request;
  request.method = "POST";
  request.url = server.url() + "/";
  request.body = "{\"QueueUrl\":\"q\"}";
  request.rate_bucket = "test.bucket";
  auto response = stack.top->Send(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.requests()[1].body, request.body);
  EXPECT_EQ(server.connections_accepted(), 1);
  EXPECT_EQ(stack.retry_sleeps, std::vector<milliseconds>{milliseconds(1000)});
  EXPECT_EQ(stack.pace_sleeps.size(), 1u);  // the second attempt waited for its token
}

TEST(TransportStackTest, RefusedPostIsRetriedBecauseNothingWasSent) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  Stack stack;
  HttpRequest request;
  request.method = "POST";
  request.url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/";
  auto response = stack.top->Send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(stack.retry_sleeps.size(), 4u);  // 5 attempts
  EXPECT_NE(response.status().message().find("gave up after 5 attempts"), std::string::npos);
}

TEST(TransportStackTest, HungUpPostIsNotRetried) {
  LoopbackHttpServer server;
  LoopbackAnswer hang_up;
  hang_up.close_without_answer = true;
  server.Script(hang_up);
  Stack stack;
  HttpRequest request;
  request.method = "POST";
  request.url = server.url() + "/";
  request.body = "x";
  auto response = stack.top->Send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_TRUE(stack.retry_sleeps.empty());
  EXPECT_EQ(server.requests().size(), 1u);
}

}  // namespace
}  // namespace cloud_tasks::http
