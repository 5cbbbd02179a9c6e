#include "http/curl_transport.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "http/transport_error.h"
#include "support/loopback_http_server.h"

namespace cloud_tasks::http {
namespace {

using std::chrono::milliseconds;
using testing::LoopbackAnswer;
using testing::LoopbackHttpServer;

std::unique_ptr<CurlTransport> MakeTransport(CurlTransport::Options options = {}) {
  if (!options.proxy) options.proxy = "";  // hermetic: never a proxy from the environment
  auto t = CurlTransport::Create(std::move(options));
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(t).value();
}

HttpRequest Get(const std::string& url) {
  HttpRequest r;
  r.url = url;
  return r;
}

// A port on 127.0.0.1 where nothing listens: bound, then closed.
int ClosedPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST(CurlTransportTest, GetRoundTripsHeadersAndLowerCasesResponseNames) {
  LoopbackHttpServer server;
  LoopbackAnswer answer;
  answer.status = 200;
  answer.headers = {{"X-Amzn-RequestId", "req-1"}, {"Set-Thing", "a"}, {"Set-Thing", "b"}};
  answer.body = "hello";
  server.Script(answer);
  auto transport = MakeTransport();
  HttpRequest request = Get(server.url() + "/path/x?Action=List&b=2");
  request.headers = {{"X-Test", "abc"}, {"X-Empty", ""}};

  auto response = transport->Send(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello");
  EXPECT_EQ(response->Header("x-amzn-requestid").value_or(""), "req-1");
  int set_things = 0;
  for (const auto& [name, value] : response->headers) {
    EXPECT_EQ(name, [&] {
      std::string l = name;
      for (auto& c : l) c = static_cast<char>(std::tolower(c));
      return l;
    }());
    if (name == "set-thing") ++set_things;
  }
  EXPECT_EQ(set_things, 2);

  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].target, "/path/x?Action=List&b=2");
  EXPECT_EQ(seen[0].Header("x-test").value_or(""), "abc");
  EXPECT_EQ(seen[0].Header("x-empty").value_or("missing"), "");
  EXPECT_EQ(seen[0].Header("user-agent").value_or(""), "cloud_tasks");
  EXPECT_FALSE(seen[0].Header("content-type").has_value());
  EXPECT_FALSE(seen[0].Header("accept").has_value());
}

TEST(CurlTransportTest, PostSendsBodyExactlyWithoutExpectOrDefaultContentType) {
  LoopbackHttpServer server;
  auto transport = MakeTransport();
  HttpRequest request;
  request.method = "POST";
  request.url = server.url() + "/";
  request.body = std::string(200'000, 'x') + std::string("\0binary\r\n\r\n", 12);
  request.headers = {{"Content-Type", "application/x-amz-json-1.0"}, {"User-Agent", "mine"}};

  auto response = transport->Send(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].body, request.body);
  EXPECT_EQ(seen[0].Header("content-type").value_or(""), "application/x-amz-json-1.0");
  EXPECT_EQ(seen[0].Header("user-agent").value_or(""), "mine");
  EXPECT_FALSE(seen[0].Header("expect").has_value());
}

TEST(CurlTransportTest, PostWithoutContentTypeSendsNone) {
  LoopbackHttpServer server;
  auto transport = MakeTransport();
  HttpRequest request;
  request.method = "POST";
  request.url = server.url() + "/";
  request.body = "a=b";
  ASSERT_TRUE(transport->Send(request).ok());
  EXPECT_FALSE(server.requests().at(0).Header("content-type").has_value());
}

TEST(CurlTransportTest, OtherMethodsKeepTheirNameAndBody) {
  LoopbackHttpServer server;
  auto transport = MakeTransport();
  for (const char* method : {"PUT", "DELETE", "PATCH", "HEAD"}) {
    HttpRequest request;
    request.method = method;
    request.url = server.url() + "/m";
    if (std::string(method) != "HEAD") request.body = std::string("body of ") + method;
    auto response = transport->Send(request);
    ASSERT_TRUE(response.ok()) << method << ": " << response.status().ToString();
  }
  auto seen = server.requests();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].method, "PUT");
  EXPECT_EQ(seen[0].body, "body of PUT");
  EXPECT_EQ(seen[1].method, "DELETE");
  EXPECT_EQ(seen[1].body, "body of DELETE");
  EXPECT_EQ(seen[2].method, "PATCH");
  EXPECT_EQ(seen[3].method, "HEAD");
  EXPECT_EQ(seen[3].body, "");
}

TEST(CurlTransportTest, ErrorStatusesAreResponses) {
  LoopbackHttpServer server;
  auto transport = MakeTransport();
  for (int status : {400, 403, 404, 429, 500, 503}) {
    LoopbackAnswer answer;
    answer.status = status;
    answer.body = "{\"error\":1}";
    server.Script(answer);
    auto response = transport->Send(Get(server.url() + "/"));
    ASSERT_TRUE(response.ok()) << response.status().ToString();
    EXPECT_EQ(response->status, status);
    EXPECT_EQ(response->body, "{\"error\":1}");
  }
}

TEST(CurlTransportTest, ReusesOneKeptAliveConnection) {
  LoopbackHttpServer server;
  auto transport = MakeTransport();
  for (int i = 0; i < 6; ++i) {
    HttpRequest request = Get(server.url() + "/n" + std::to_string(i));
    if (i % 2 == 1) {
      request.method = "POST";
      request.body = "payload " + std::to_string(i);
    }
    ASSERT_TRUE(transport->Send(request).ok());
  }
  EXPECT_EQ(server.connections_accepted(), 1);
  for (const auto& r : server.requests()) EXPECT_EQ(r.connection, 1);
}

TEST(CurlTransportTest, ConcurrentCallersShareThePool) {
  LoopbackHttpServer server;
  CurlTransport::Options options;
  options.max_idle_handles = 4;
  auto transport = MakeTransport(options);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) ok += transport->Send(Get(server.url() + "/c")).ok() ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 40);
  EXPECT_LE(server.connections_accepted(), 8);
  EXPECT_EQ(server.requests().size(), 40u);
}

TEST(CurlTransportTest, PerRequestTimeoutEndsASlowAnswer) {
  LoopbackHttpServer server;
  LoopbackAnswer slow;
  slow.delay = milliseconds(3000);
  server.Script(slow);
  auto transport = MakeTransport();
  HttpRequest request = Get(server.url() + "/slow");
  request.timeout = milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  auto response = transport->Send(request);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kUnavailable);
  EXPECT_FALSE(RequestNotSent(response.status())) << "the request did reach the server";
  EXPECT_LT(elapsed, milliseconds(2000));
  EXPECT_NE(response.status().message().find("127.0.0.1"), std::string::npos);
}

TEST(CurlTransportTest, DefaultTimeoutFromOptions) {
  LoopbackHttpServer server;
  LoopbackAnswer slow;
  slow.delay = milliseconds(3000);
  server.Script(slow);
  CurlTransport::Options options;
  options.timeout = milliseconds(200);
  auto transport = MakeTransport(options);
  auto response = transport->Send(Get(server.url() + "/slow"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kUnavailable);
}

TEST(CurlTransportTest, ConnectionRefusedIsUnavailableAndNotSent) {
  auto transport = MakeTransport();
  int port = ClosedPort();
  HttpRequest request = Get("http://127.0.0.1:" + std::to_string(port) + "/x?X-Amz-Signature=secret");
  request.method = "POST";
  auto response = transport->Send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(RequestNotSent(response.status())) << response.status().ToString();
  EXPECT_NE(response.status().message().find("127.0.0.1:" + std::to_string(port)), std::string::npos);
  EXPECT_EQ(response.status().message().find("secret"), std::string::npos);
}

TEST(CurlTransportTest, ServerClosingWithoutAnswerIsUnavailable) {
  LoopbackHttpServer server;
  LoopbackAnswer hang_up;
  hang_up.close_without_answer = true;
  server.Script(hang_up);
  auto transport = MakeTransport();
  HttpRequest request = Get(server.url() + "/");
  request.method = "POST";
  request.body = "secret-body";
  request.headers = {{"Authorization", "secret-header"}};
  auto response = transport->Send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kUnavailable);
  EXPECT_FALSE(RequestNotSent(response.status()));
  EXPECT_EQ(response.status().message().find("secret"), std::string::npos);
  // The next call works on a fresh connection.
  EXPECT_TRUE(transport->Send(Get(server.url() + "/")).ok());
}

TEST(CurlTransportTest, ServerClosingAfterAnswerIsHandledByReconnecting) {
  LoopbackHttpServer server;
  LoopbackAnswer last;
  last.close_after = true;
  server.Script(last);
  auto transport = MakeTransport();
  ASSERT_TRUE(transport->Send(Get(server.url() + "/1")).ok());
  ASSERT_TRUE(transport->Send(Get(server.url() + "/2")).ok());
  EXPECT_EQ(server.connections_accepted(), 2);
}

TEST(CurlTransportTest, InvalidUrlsAreInvalidArgument) {
  auto transport = MakeTransport();
  for (const char* url : {"not a url", "ftp://127.0.0.1/file", "file:///etc/passwd", "http://"}) {
    auto response = transport->Send(Get(url));
    ASSERT_FALSE(response.ok()) << url;
    EXPECT_EQ(response.status().code(), ErrorCode::kInvalidArgument)
        << url << ": " << response.status().ToString();
  }
}

TEST(CurlTransportTest, HttpsToAPlainHttpPortFailsInsteadOfHanging) {
  LoopbackHttpServer server;
  CurlTransport::Options options;
  options.connect_timeout = milliseconds(1000);
  auto transport = MakeTransport(options);
  auto start = std::chrono::steady_clock::now();
  auto response = transport->Send(Get("https://127.0.0.1:" + std::to_string(server.port()) + "/"));
  ASSERT_FALSE(response.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(5000));
  EXPECT_NE(response.status().code(), ErrorCode::kOk);
}

TEST(CurlTransportTest, OversizedResponseIsAnError) {
  LoopbackHttpServer server;
  LoopbackAnswer big;
  big.body = std::string(100'000, 'b');
  server.Script(big);
  CurlTransport::Options options;
  options.max_response_bytes = 1000;
  auto transport = MakeTransport(options);
  auto response = transport->Send(Get(server.url() + "/"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(response.status().message().find("size limit"), std::string::npos);
}

TEST(CurlTransportTest, RejectsNonPositiveTimeouts) {
  CurlTransport::Options options;
  options.timeout = milliseconds(0);
  EXPECT_EQ(CurlTransport::Create(options).status().code(), ErrorCode::kInvalidArgument);
}

// libcurl reads http_proxy itself when Options::proxy is unset: the loopback server acting
// as the proxy receives the absolute-form request, so nothing leaves the machine.
TEST(CurlTransportTest, HonoursHttpProxyFromTheEnvironment) {
  LoopbackHttpServer proxy;
  LoopbackAnswer via_proxy;
  via_proxy.body = "proxied";
  proxy.Script(via_proxy);
  ::setenv("http_proxy", proxy.url().c_str(), 1);
  ::unsetenv("no_proxy");
  ::unsetenv("NO_PROXY");
  auto created = CurlTransport::Create({});
  ASSERT_TRUE(created.ok());
  auto response = (*created)->Send(Get("http://api.example.invalid/path"));
  ::unsetenv("http_proxy");
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->body, "proxied");
  ASSERT_EQ(proxy.requests().size(), 1u);
  EXPECT_EQ(proxy.requests()[0].target, "http://api.example.invalid/path");
}

TEST(CurlTransportTest, NoProxyFromTheEnvironmentBypassesTheProxy) {
  LoopbackHttpServer proxy, direct;
  ::setenv("http_proxy", proxy.url().c_str(), 1);
  ::setenv("no_proxy", "127.0.0.1", 1);
  auto created = CurlTransport::Create({});
  ASSERT_TRUE(created.ok());
  auto response = (*created)->Send(Get(direct.url() + "/d"));
  ::unsetenv("http_proxy");
  ::unsetenv("no_proxy");
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(proxy.requests().size(), 0u);
  EXPECT_EQ(direct.requests().size(), 1u);
}

}  // namespace
}  // namespace cloud_tasks::http
