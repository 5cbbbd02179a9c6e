// TLS verification of CurlTransport against an in-process TLS server on 127.0.0.1 with a
// self-signed certificate made by `openssl req` in a temporary directory.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "http/curl_transport.h"

namespace cloud_tasks::http {
namespace {

namespace fs = std::filesystem;

// Answers every TLS connection with one "200 ok" and closes it.
class TlsServer {
 public:
  TlsServer(const std::string& cert, const std::string& key) {
    // OpenSSL's socket BIO writes with write(2): a client that hung up (as curl does on a
    // certificate it refuses) would raise SIGPIPE in this test server.
    ::signal(SIGPIPE, SIG_IGN);
    ctx_ = SSL_CTX_new(TLS_server_method());
    ok_ = SSL_CTX_use_certificate_file(ctx_, cert.c_str(), SSL_FILETYPE_PEM) == 1 &&
          SSL_CTX_use_PrivateKey_file(ctx_, key.c_str(), SSL_FILETYPE_PEM) == 1;
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = ok_ && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && ::listen(fd_, 8) == 0;
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~TlsServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
    SSL_CTX_free(ctx_);
  }
  bool ok() const { return ok_; }
  int port() const { return port_; }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      timeval tv{2, 0};
      ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      SSL* ssl = SSL_new(ctx_);
      SSL_set_fd(ssl, c);
      if (SSL_accept(ssl) == 1) {
        std::string request;
        char buf[4096];
        while (request.find("\r\n\r\n") == std::string::npos) {
          int n = SSL_read(ssl, buf, sizeof buf);
          if (n <= 0) break;
          request.append(buf, static_cast<size_t>(n));
        }
        static const char kAnswer[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        SSL_write(ssl, kAnswer, sizeof kAnswer - 1);
        SSL_shutdown(ssl);
      }
      ERR_clear_error();
      SSL_free(ssl);
      ::close(c);
    }
  }

  SSL_CTX* ctx_ = nullptr;
  int fd_ = -1;
  int port_ = 0;
  bool ok_ = false;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

class CurlTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/ct_http_tls_XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    std::string cmd =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "
        "/CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout " +
        key() + " -out " + cert() + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl req failed";
    server_ = std::make_unique<TlsServer>(cert(), key());
    ASSERT_TRUE(server_->ok());
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }
  std::string cert() const { return dir_ + "/cert.pem"; }
  std::string key() const { return dir_ + "/key.pem"; }

  Result<HttpResponse> Get(const std::string& host, CurlTransport::Options options) {
    options.proxy = "";
    options.connect_timeout = std::chrono::milliseconds(5000);
    auto transport = CurlTransport::Create(options);
    EXPECT_TRUE(transport.ok());
    HttpRequest request;
    request.url = "https://" + host + ":" + std::to_string(server_->port()) + "/";
    return (*transport)->Send(request);
  }

  std::string dir_;
  std::unique_ptr<TlsServer> server_;
};

TEST_F(CurlTlsTest, UntrustedSelfSignedCertificateIsPermissionDenied) {
  auto response = Get("127.0.0.1", {});
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kPermissionDenied) << response.status().ToString();
  EXPECT_NE(response.status().message().find("127.0.0.1"), std::string::npos);
  EXPECT_NE(response.status().message().find("certificate"), std::string::npos);
}

TEST_F(CurlTlsTest, TrustedThroughCaFileSucceeds) {
  CurlTransport::Options options;
  options.ca_file = cert();
  auto response = Get("127.0.0.1", options);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "ok");
}

TEST_F(CurlTlsTest, HostNameIsVerifiedToo) {
  CurlTransport::Options options;
  options.ca_file = cert();  // trusted, but issued for 127.0.0.1, not "localhost"
  auto response = Get("localhost", options);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kPermissionDenied) << response.status().ToString();
}

TEST_F(CurlTlsTest, MissingCaFileIsAnError) {
  CurlTransport::Options options;
  options.ca_file = dir_ + "/absent.pem";
  auto response = Get("127.0.0.1", options);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), ErrorCode::kPermissionDenied) << response.status().ToString();
}

}  // namespace
}  // namespace cloud_tasks::http
