#include "worker/metadata_http.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>

#include "core/strings.h"

namespace cloud_tasks::worker {
namespace {

using Clock = std::chrono::steady_clock;

struct Url {
  std::string host, port = "80", path = "/";
};

Result<Url> ParseUrl(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return InvalidArgumentError("metadata URL must start with http://: " + url);
  Url u;
  std::string rest = url.substr(scheme.size());
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) u.path = rest.substr(slash);
  size_t colon = authority.rfind(':');
  u.host = authority.substr(0, colon);
  if (colon != std::string::npos) u.port = authority.substr(colon + 1);
  if (u.host.empty()) return InvalidArgumentError("metadata URL has no host: " + url);
  return u;
}

int RemainingMs(Clock::time_point deadline) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return ms > 0 ? static_cast<int>(ms) : 0;
}

Status WaitFor(int fd, short events, Clock::time_point deadline, const std::string& what) {
  pollfd p{fd, events, 0};
  int n;
  do n = ::poll(&p, 1, RemainingMs(deadline));
  while (n < 0 && errno == EINTR);
  if (n == 0) return UnavailableError(what + ": timed out");
  if (n < 0) return ErrnoError(what, errno);
  return OkStatus();
}

Result<int> Connect(const Url& u, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  int rc = ::getaddrinfo(u.host.c_str(), u.port.c_str(), &hints, &res);
  if (rc != 0) return UnavailableError(fmt::format("cannot resolve {}: {}", u.host, gai_strerror(rc)));
  Status last = UnavailableError("no address for " + u.host);
  for (addrinfo* a = res; a; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0 || errno == EINPROGRESS) {
      Status st = WaitFor(fd, POLLOUT, deadline, "connecting to " + u.host);
      int err = 0;
      socklen_t len = sizeof err;
      if (st.ok()) ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (st.ok() && err == 0) {
        ::freeaddrinfo(res);
        return fd;
      }
      last = st.ok() ? ErrnoError("connecting to " + u.host, err) : st;
    }
    ::close(fd);
  }
  ::freeaddrinfo(res);
  return last;
}

// Decodes a chunked body ("4\r\nTRUE\r\n0\r\n\r\n" → "TRUE").
Result<std::string> Dechunk(const std::string& body) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    size_t eol = body.find("\r\n", pos);
    if (eol == std::string::npos) return UnavailableError("malformed chunked reply from the metadata server");
    size_t size = std::strtoul(body.substr(pos, eol - pos).c_str(), nullptr, 16);
    if (size == 0) return out;
    if (eol + 2 + size > body.size())
      return UnavailableError("truncated chunked reply from the metadata server");
    out.append(body, eol + 2, size);
    pos = eol + 2 + size + 2;
  }
}

Result<MetadataReply> ParseReply(const std::string& raw) {
  size_t end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.", 0) != 0 || end == std::string::npos || raw.size() < 12)
    return UnavailableError("malformed reply from the metadata server");
  MetadataReply reply;
  reply.status = std::atoi(raw.c_str() + 9);
  reply.body = raw.substr(end + 4);
  std::string head = ToLower(raw.substr(0, end));
  if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
    CT_ASSIGN_OR_RETURN(reply.body, Dechunk(reply.body));
  }
  return reply;
}

}  // namespace

Result<MetadataReply> MetadataRequest(const std::string& method, const std::string& url,
                                      const std::vector<std::string>& headers, int timeout_ms) {
  auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  CT_ASSIGN_OR_RETURN(Url u, ParseUrl(url));
  CT_ASSIGN_OR_RETURN(int fd, Connect(u, deadline));
  std::string request =
      fmt::format("{} {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", method, u.path, u.host);
  for (const auto& h : headers) request += h + "\r\n";
  if (method == "PUT" || method == "POST") request += "Content-Length: 0\r\n";
  request += "\r\n";
  std::string raw;
  Status st = OkStatus();
  for (size_t sent = 0; st.ok() && sent < request.size();) {
    st = WaitFor(fd, POLLOUT, deadline, "sending to the metadata server");
    ssize_t n = st.ok() ? ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL) : 0;
    if (st.ok() && n < 0 && errno != EAGAIN && errno != EINTR)
      st = ErrnoError("sending to the metadata server", errno);
    if (n > 0) sent += static_cast<size_t>(n);
  }
  while (st.ok()) {  // Connection: close, so the reply ends at end of stream
    st = WaitFor(fd, POLLIN, deadline, "reading from the metadata server");
    if (!st.ok()) break;
    char buf[4096];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) break;
    if (n < 0 && errno != EAGAIN && errno != EINTR)
      st = ErrnoError("reading from the metadata server", errno);
    if (n > 0) raw.append(buf, static_cast<size_t>(n));
    if (raw.size() > (1 << 20)) st = UnavailableError("metadata reply too large");
  }
  ::close(fd);
  CT_RETURN_IF_ERROR(st);
  return ParseReply(raw);
}

}  // namespace cloud_tasks::worker
