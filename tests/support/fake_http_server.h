#pragma once
// A loopback HTTP/1.1 server for tests (127.0.0.1, port 0): one thread, one request per
// connection, answers from a handler, records every request it saw.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cloud_tasks::testing {

struct HttpRequestSeen {
  std::string method, path;
  std::map<std::string, std::string> headers;  // lower-case names
};

struct HttpAnswer {
  int status = 200;
  std::string body;
};

class FakeHttpServer {
 public:
  using Handler = std::function<HttpAnswer(const HttpRequestSeen&)>;

  explicit FakeHttpServer(Handler handler) : handler_(std::move(handler)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeHttpServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<HttpRequestSeen> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }

 private:
  void Serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      std::string raw;
      char buf[4096];
      while (raw.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        raw.append(buf, static_cast<size_t>(n));
      }
      HttpRequestSeen req = Parse(raw);
      HttpAnswer answer = handler_(req);
      {
        std::lock_guard<std::mutex> lock(mu_);
        seen_.push_back(req);
      }
      std::string out = "HTTP/1.1 " + std::to_string(answer.status) +
                        " X\r\nContent-Length: " + std::to_string(answer.body.size()) +
                        "\r\nConnection: close\r\n\r\n" + answer.body;
      ::send(c, out.data(), out.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }

  static HttpRequestSeen Parse(const std::string& raw) {
    HttpRequestSeen r;
    size_t sp1 = raw.find(' '), sp2 = raw.find(' ', sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos) return r;
    r.method = raw.substr(0, sp1);
    r.path = raw.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t pos = raw.find("\r\n") + 2;
    while (pos < raw.size()) {
      size_t eol = raw.find("\r\n", pos);
      if (eol == std::string::npos || eol == pos) break;
      std::string line = raw.substr(pos, eol - pos);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        size_t v = line.find_first_not_of(' ', colon + 1);
        r.headers[name] = v == std::string::npos ? "" : line.substr(v);
      }
      pos = eol + 2;
    }
    return r;
  }

  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mu_;
  std::vector<HttpRequestSeen> seen_;
};

}  // namespace cloud_tasks::testing
