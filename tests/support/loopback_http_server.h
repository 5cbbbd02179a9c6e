#pragma once
/// A loopback HTTP/1.1 server for transport tests (127.0.0.1, port 0).
///
/// Unlike fake_http_server.h it keeps connections alive (several requests per connection,
/// one thread per connection), reads Content-Length request bodies, records every request
/// with the index of the connection it came on, counts accepted connections (to prove
/// reuse), and answers from a script: status, headers, body, an optional delay (timeouts),
/// or closing the connection without answering (connection errors). Chunked request bodies
/// are not supported (CurlTransport always sends Content-Length).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace cloud_tasks::testing {

struct LoopbackRequest {
  std::string method;
  std::string target;                                        ///< path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-cased
  std::string body;
  int connection = 0;  ///< 1 for the first accepted connection, 2 for the next...

  std::optional<std::string> Header(const std::string& name) const {
    for (const auto& [n, v] : headers) {
      if (strcasecmp(n.c_str(), name.c_str()) == 0) return v;
    }
    return std::nullopt;
  }
};

struct LoopbackAnswer {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds delay{0};  ///< wait this long before answering
  bool close_without_answer = false;   ///< read the request, then close the connection
  bool close_after = false;            ///< answer with "Connection: close", then close
};

class LoopbackHttpServer {
 public:
  using Handler = std::function<LoopbackAnswer(const LoopbackRequest&)>;

  /// Answers scripted answers in order, then `fallback` (default: 200 with an empty body).
  explicit LoopbackHttpServer(Handler fallback = nullptr) : fallback_(std::move(fallback)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(listen_fd_, 64) != 0) {
      std::abort();
    }
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    accept_thread_ = std::thread([this] { AcceptLoop(); });
  }

  ~LoopbackHttpServer() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    }
    cv_.notify_all();
    accept_thread_.join();
    for (auto& t : connection_threads_) t.join();
    ::close(listen_fd_);
  }

  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  /// Queues one answer; each request consumes the oldest queued answer.
  void Script(LoopbackAnswer answer) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.push_back(std::move(answer));
  }

  std::vector<LoopbackRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }
  int connections_accepted() {
    std::lock_guard<std::mutex> lock(mu_);
    return accepted_;
  }

 private:
  void AcceptLoop() {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stop_) return;
      }
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) {
        ::close(fd);
        return;
      }
      int index = ++accepted_;
      open_fds_.insert(fd);
      connection_threads_.emplace_back([this, fd, index] { Serve(fd, index); });
    }
  }

  void Serve(int fd, int index) {
    std::string buffer;
    for (;;) {
      std::optional<LoopbackRequest> req = ReadRequest(fd, buffer);
      if (!req) break;
      req->connection = index;
      LoopbackAnswer answer = NextAnswer(*req);
      if (answer.delay.count() > 0) {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_for(lock, answer.delay, [this] { return stop_; });
        if (stop_) break;
      }
      if (answer.close_without_answer) break;
      bool close = answer.close_after || HasToken(req->Header("connection"), "close");
      if (!WriteAll(fd, Format(answer, req->method == "HEAD", close)) || close) break;
    }
    std::lock_guard<std::mutex> lock(mu_);
    open_fds_.erase(fd);
    ::close(fd);
  }

  LoopbackAnswer NextAnswer(const LoopbackRequest& req) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back(req);
      if (!script_.empty()) {
        LoopbackAnswer a = std::move(script_.front());
        script_.pop_front();
        return a;
      }
    }
    return fallback_ ? fallback_(req) : LoopbackAnswer{};
  }

  static bool HasToken(const std::optional<std::string>& value, const char* token) {
    return value && strcasecmp(value->c_str(), token) == 0;
  }

  static bool ReadMore(int fd, std::string& buffer) {
    char chunk[16384];
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    return true;
  }

  static std::optional<LoopbackRequest> ReadRequest(int fd, std::string& buffer) {
    size_t end;
    while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (!ReadMore(fd, buffer)) return std::nullopt;
    }
    LoopbackRequest req;
    std::string head = buffer.substr(0, end);
    buffer.erase(0, end + 4);
    size_t line_end = head.find("\r\n");
    std::string first = head.substr(0, line_end);
    size_t s1 = first.find(' '), s2 = first.rfind(' ');
    req.method = first.substr(0, s1);
    req.target = first.substr(s1 + 1, s2 - s1 - 1);
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t next = head.find("\r\n", pos);
      if (next == std::string::npos) next = head.size();
      std::string line = head.substr(pos, next - pos);
      pos = next + 2;
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      size_t v = line.find_first_not_of(' ', colon + 1);
      req.headers.emplace_back(name, v == std::string::npos ? "" : line.substr(v));
    }
    size_t length = std::stoul(req.Header("content-length").value_or("0"));
    while (buffer.size() < length) {
      if (!ReadMore(fd, buffer)) return std::nullopt;
    }
    req.body = buffer.substr(0, length);
    buffer.erase(0, length);
    return req;
  }

  static std::string Format(const LoopbackAnswer& a, bool head, bool close) {
    std::string out = "HTTP/1.1 " + std::to_string(a.status) + " Scripted\r\n";
    out += "Content-Length: " + std::to_string(a.body.size()) + "\r\n";
    if (close) out += "Connection: close\r\n";
    for (const auto& [n, v] : a.headers) out += n + ": " + v + "\r\n";
    out += "\r\n";
    if (!head) out += a.body;
    return out;
  }

  static bool WriteAll(int fd, const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }

  Handler fallback_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::thread accept_thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;                            // guarded by mu_
  int accepted_ = 0;                             // guarded by mu_
  std::set<int> open_fds_;                       // guarded by mu_
  std::deque<LoopbackAnswer> script_;            // guarded by mu_
  std::vector<LoopbackRequest> seen_;            // guarded by mu_
  std::vector<std::thread> connection_threads_;  // written by the accept thread only
};

}  // namespace cloud_tasks::testing
