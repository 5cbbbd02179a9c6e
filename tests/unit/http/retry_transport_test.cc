#include "http/retry_transport.h"

#include <gtest/gtest.h>

#include "core/logging.h"
#include "http/transport_error.h"
#include "unit/http/scripted_transport.h"

namespace cloud_tasks::http {
namespace {

using std::chrono::milliseconds;
using testing::MakeResponse;
using testing::ScriptedTransport;

class RetryTransportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    previous_level_ = GetLogLevel();
    SetLogLevel(LogLevel::kInfo);
    previous_sink_ = SetLogSink([this](LogLevel, const std::string& line) { log_.push_back(line); });
  }
  void TearDown() override {
    SetLogSink(previous_sink_);
    SetLogLevel(previous_level_);
  }

  std::unique_ptr<RetryTransport> Make(RetryTransport::Options options = {}) {
    if (!options.random) options.random = [this] { return random_value_; };
    options.sleep = [this](milliseconds d) { sleeps_.push_back(d); };
    options.now = [] { return std::chrono::system_clock::from_time_t(1445412480); };
    auto t = RetryTransport::Create(inner_, std::move(options));
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return std::move(t).value();
  }

  static HttpRequest Request(const char* method) {
    HttpRequest r;
    r.method = method;
    r.url = "https://user:pw@sqs.us-east-1.amazonaws.com/123/q?X-Amz-Signature=secret";
    r.headers = {{"Authorization", "secret-header"}};
    r.body = "secret-body";
    return r;
  }

  std::shared_ptr<ScriptedTransport> inner_ = std::make_shared<ScriptedTransport>();
  std::vector<milliseconds> sleeps_;
  std::vector<std::string> log_;
  double random_value_ = 0.5;
  LogLevel previous_level_ = LogLevel::kWarning;
  LogSink previous_sink_;
};

TEST_F(RetryTransportTest, SucceedsAfterTransientAnswersWithGrowingJitteredWaits) {
  inner_->Add(MakeResponse(503));
  inner_->Add(MakeResponse(500));
  inner_->Add(UnavailableError("GET https://h: Recv failure: Connection reset by peer"));
  inner_->Add(MakeResponse(200, "ok"));
  RetryTransport::Options options;
  options.base_delay = milliseconds(100);
  auto t = Make(options);
  auto r = t->Send(Request("GET"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "ok");
  EXPECT_EQ(inner_->seen().size(), 4u);
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{milliseconds(50), milliseconds(100), milliseconds(200)}));
}

TEST_F(RetryTransportTest, JitterStaysWithinTheCappedCeiling) {
  for (int i = 0; i < 9; ++i) inner_->Add(MakeResponse(502));
  RetryTransport::Options options;
  options.max_attempts = 10;
  options.base_delay = milliseconds(100);
  options.max_delay = milliseconds(1000);
  int calls = 0;
  options.random = [&calls] { return (calls++ % 2 == 0) ? 0.999 : 0.0; };
  auto t = Make(options);
  ASSERT_TRUE(t->Send(Request("GET")).ok());
  ASSERT_EQ(sleeps_.size(), 9u);
  for (size_t i = 0; i < sleeps_.size(); ++i) {
    milliseconds ceiling = std::min(milliseconds(1000), milliseconds(100) * (1 << i));
    EXPECT_LE(sleeps_[i], ceiling) << i;
    EXPECT_GE(sleeps_[i], milliseconds(0));
    if (i % 2 == 0) {
      EXPECT_GE(sleeps_[i], ceiling * 99 / 100) << i;
    } else {
      EXPECT_EQ(sleeps_[i], milliseconds(0)) << i;
    }
  }
}

TEST_F(RetryTransportTest, HonoursRetryAfterSecondsAndDatesCapped) {
  inner_->Add(MakeResponse(429, "", {{"retry-after", "3"}}));
  inner_->Add(MakeResponse(503, "", {{"retry-after", "Wed, 21 Oct 2015 07:28:10 GMT"}}));
  inner_->Add(MakeResponse(503, "", {{"retry-after", "3600"}}));
  RetryTransport::Options options;
  options.max_retry_after = milliseconds(30'000);
  auto t = Make(options);
  ASSERT_TRUE(t->Send(Request("GET")).ok());
  EXPECT_EQ(sleeps_,
            (std::vector<milliseconds>{milliseconds(3000), milliseconds(10'000), milliseconds(30'000)}));
  EXPECT_NE(log_[0].find("Retry-After"), std::string::npos) << log_[0];
}

TEST_F(RetryTransportTest, NonIdempotentRequestIsNotResentAfterItMayHaveArrived) {
  inner_->Add(MakeResponse(500, "boom"));
  auto t = Make();
  auto r = t->Send(Request("POST"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(inner_->seen().size(), 1u);

  inner_->Add(UnavailableError("POST https://h: Empty reply from server"));
  r = t->Send(Request("POST"));
  EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(inner_->seen().size(), 2u);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(RetryTransportTest, NonIdempotentRequestIsResentWhenRefusedOrThrottled) {
  inner_->Add(NotSentError("POST https://h: Couldn't connect to server"));
  inner_->Add(
      MakeResponse(400, R"({"__type":"com.amazonaws.sqs#ThrottlingException","message":"Rate exceeded"})"));
  inner_->Add(MakeResponse(200, "sent"));
  auto t = Make();
  auto r = t->Send(Request("POST"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "sent");
  EXPECT_EQ(inner_->seen().size(), 3u);
}

TEST_F(RetryTransportTest, CallerMarkedPostSafeIsRetried) {
  inner_->Add(MakeResponse(500));
  auto t = Make();
  HttpRequest request = Request("POST");
  request.idempotent = true;
  ASSERT_TRUE(t->Send(request).ok());
  EXPECT_EQ(inner_->seen().size(), 2u);
}

TEST_F(RetryTransportTest, GivesUpAfterMaxAttemptsWithTheLastAnswer) {
  for (int i = 0; i < 3; ++i) inner_->Add(MakeResponse(503, "answer " + std::to_string(i)));
  inner_->Add(MakeResponse(200));
  RetryTransport::Options options;
  options.max_attempts = 3;
  auto t = Make(options);
  auto r = t->Send(Request("GET"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->body, "answer 2");
  EXPECT_EQ(inner_->seen().size(), 3u);
  EXPECT_EQ(sleeps_.size(), 2u);
  EXPECT_NE(log_.back().find("giving up after attempt 3 of 3"), std::string::npos) << log_.back();
}

TEST_F(RetryTransportTest, GivesUpAfterMaxAttemptsWithTheLastErrorKeepingNotSent) {
  for (int i = 0; i < 2; ++i)
    inner_->Add(NotSentError("GET https://h: Couldn't connect " + std::to_string(i)));
  RetryTransport::Options options;
  options.max_attempts = 2;
  auto t = Make(options);
  auto r = t->Send(Request("GET"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(RequestNotSent(r.status()));
  EXPECT_NE(r.status().message().find("gave up after 2 attempts"), std::string::npos);
  EXPECT_NE(r.status().message().find("Couldn't connect 1"), std::string::npos);
}

TEST_F(RetryTransportTest, PermanentErrorsAreReturnedAtOnce) {
  inner_->Add(InvalidArgumentError("GET x: URL using bad/illegal format"));
  inner_->Add(MakeResponse(403, R"({"error":{"code":403,"message":"no","status":"PERMISSION_DENIED"}})"));
  auto t = Make();
  EXPECT_EQ(t->Send(Request("GET")).status().code(), ErrorCode::kInvalidArgument);
  auto r = t->Send(Request("GET"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(inner_->seen().size(), 2u);
  EXPECT_TRUE(sleeps_.empty());
  EXPECT_TRUE(log_.empty());
}

TEST_F(RetryTransportTest, LogsAttemptReasonAndDelayButNoSecrets) {
  inner_->Add(MakeResponse(503,
                           "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>secret-msg</"
                           "Message></Error></Errors></Response>"));
  RetryTransport::Options options;
  options.base_delay = milliseconds(1000);
  auto t = Make(options);
  ASSERT_TRUE(t->Send(Request("POST")).ok());
  ASSERT_EQ(log_.size(), 1u);
  const std::string& line = log_[0];
  EXPECT_NE(line.find("INFO"), std::string::npos) << line;
  EXPECT_NE(line.find("POST sqs.us-east-1.amazonaws.com"), std::string::npos) << line;
  EXPECT_NE(line.find("attempt 1 of 5"), std::string::npos) << line;
  EXPECT_NE(line.find("HTTP 503 RequestLimitExceeded"), std::string::npos) << line;
  EXPECT_NE(line.find("retrying in 0.500 s"), std::string::npos) << line;
  EXPECT_EQ(line.find("secret"), std::string::npos) << line;
  EXPECT_EQ(line.find("pw"), std::string::npos) << line;
}

TEST_F(RetryTransportTest, NothingLoggedBelowVerbose) {
  SetLogLevel(LogLevel::kWarning);
  inner_->Add(MakeResponse(503));
  auto t = Make();
  ASSERT_TRUE(t->Send(Request("GET")).ok());
  EXPECT_TRUE(log_.empty());
}

TEST(RetryTransportCreateTest, RejectsBadOptions) {
  RetryTransport::Options options;
  EXPECT_EQ(RetryTransport::Create(nullptr, options).status().code(), ErrorCode::kInvalidArgument);
  options.max_attempts = 0;
  EXPECT_EQ(RetryTransport::Create(std::make_shared<testing::ScriptedTransport>(), options).status().code(),
            ErrorCode::kInvalidArgument);
}

TEST(RetryTransportCreateTest, DefaultRandomAndSleepWork) {
  auto inner = std::make_shared<testing::ScriptedTransport>();
  inner->Add(MakeResponse(503));
  RetryTransport::Options options;
  options.base_delay = milliseconds(2);
  auto t = RetryTransport::Create(inner, options);
  ASSERT_TRUE(t.ok());
  HttpRequest request;
  request.url = "http://127.0.0.1:1/";
  auto r = (*t)->Send(request);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
}

}  // namespace
}  // namespace cloud_tasks::http
