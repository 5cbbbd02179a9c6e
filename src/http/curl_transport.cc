#include "http/curl_transport.h"

#include <curl/curl.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "http/transport_error.h"

namespace cloud_tasks::http {
namespace {

// curl_global_init is not thread-safe and must run once before any handle exists.
Status GlobalInit() {
  static std::once_flag once;
  static CURLcode code = CURLE_OK;
  std::call_once(once, [] { code = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (code != CURLE_OK) {
    return InternalError(std::string("libcurl initialisation failed: ") + curl_easy_strerror(code));
  }
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  if (info == nullptr || (info->features & CURL_VERSION_SSL) == 0) {
    return FailedPreconditionError(
        "libcurl was built without TLS support; install libcurl4-openssl-dev (scripts/setup.sh)");
  }
  return OkStatus();
}

// "scheme://host[:port]/path" for messages: never the query (presigned URLs carry their
// signature there) nor user info.
std::string Describe(const std::string& url) {
  CURLU* u = curl_url();
  std::string out;
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    for (auto [part, prefix] : {std::pair{CURLUPART_SCHEME, ""}, std::pair{CURLUPART_HOST, "://"},
                                std::pair{CURLUPART_PORT, ":"}, std::pair{CURLUPART_PATH, ""}}) {
      char* value = nullptr;
      if (curl_url_get(u, part, &value, 0) == CURLUE_OK && value != nullptr) {
        out += prefix;
        out += value;
      }
      curl_free(value);
    }
  } else {
    out = "<unparsable URL>";
  }
  curl_url_cleanup(u);
  return out;
}

struct Exchange {
  HttpResponse response;
  std::size_t max_body = 0;
  bool body_too_large = false;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  size_t n = size * count;
  if (ex->response.body.size() + n > ex->max_body) {
    ex->body_too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  ex->response.body.append(data, n);
  return n;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    // A new status line (after a 100 Continue): only the final answer's headers count.
    ex->response.headers.clear();
    return n;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;  // the blank line, or a folded line
  std::string name = Trim(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  ex->response.headers.emplace_back(std::move(name), Trim(line.substr(colon + 1)));
  return n;
}

bool HasHeader(const HeaderList& headers, const char* name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return strcasecmp(h.first.c_str(), name) == 0; });
}

// The request's headers as given, plus suppression of what curl would add by itself and
// the caller did not ask for (Expect: 100-continue, a form Content-Type on POST).
curl_slist* BuildHeaders(const HttpRequest& request) {
  curl_slist* list = nullptr;
  for (const auto& [name, value] : request.headers) {
    // "Name;" is curl's way to send a header with an empty value ("Name:" removes it).
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    list = curl_slist_append(list, line.c_str());
  }
  if (!HasHeader(request.headers, "Expect")) list = curl_slist_append(list, "Expect:");
  if (!HasHeader(request.headers, "Content-Type")) list = curl_slist_append(list, "Content-Type:");
  if (!HasHeader(request.headers, "Accept")) list = curl_slist_append(list, "Accept:");
  return list;
}

void SetMethodAndBody(CURL* h, const HttpRequest& request) {
  const std::string& m = request.method;
  if (strcasecmp(m.c_str(), "HEAD") == 0) {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    return;
  }
  if (strcasecmp(m.c_str(), "GET") == 0 && request.body.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    return;
  }
  // Everything else sends its body (possibly empty, then "Content-Length: 0").
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
  if (strcasecmp(m.c_str(), "POST") != 0) curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m.c_str());
}

long Millis(std::chrono::milliseconds d) { return static_cast<long>(std::max<int64_t>(d.count(), 1)); }

void Configure(CURL* h, const HttpRequest& request, const CurlTransport::Options& options,
               curl_slist* headers, Exchange* ex, char* error_text) {
  std::chrono::milliseconds total = request.timeout.count() > 0 ? request.timeout : options.timeout;
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts: threads
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options.ca_file.c_str());
  // Without CURLOPT_PROXY libcurl consults http_proxy/https_proxy/no_proxy itself.
  if (options.proxy.has_value()) curl_easy_setopt(h, CURLOPT_PROXY, options.proxy->c_str());
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, Millis(std::min(options.connect_timeout, total)));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, Millis(total));
  if (!HasHeader(request.headers, "User-Agent")) {
    curl_easy_setopt(h, CURLOPT_USERAGENT, options.user_agent.c_str());
  }
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  SetMethodAndBody(h, request);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, ex);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, ex);
}

Status MapError(CURLcode code, CURL* h, const char* detail, const HttpRequest& request, bool body_too_large) {
  std::string what = request.method + " " + Describe(request.url) + ": " + curl_easy_strerror(code);
  if (detail[0] != '\0') what += std::string(" (") + detail + ")";
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_BAD_FUNCTION_ARGUMENT:
      return InvalidArgumentError(what);
    case CURLE_PEER_FAILED_VERIFICATION:  // == CURLE_SSL_CACERT since 7.62
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return {ErrorCode::kPermissionDenied, what + "; the server's TLS certificate was not trusted"};
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return NotSentError(what);
    case CURLE_WRITE_ERROR:
      if (body_too_large) return UnavailableError(what + "; response body over the size limit");
      return UnavailableError(what);
    default: {
      // A timeout or handshake failure before the first request byte went out.
      curl_off_t sent = 0;
      long request_size = 0;
      curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_size);
      curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &sent);
      if (request_size == 0 && sent == 0 &&
          (code == CURLE_OPERATION_TIMEDOUT || code == CURLE_SSL_CONNECT_ERROR)) {
        return NotSentError(what);
      }
      return UnavailableError(what);
    }
  }
}

}  // namespace

Result<std::unique_ptr<CurlTransport>> CurlTransport::Create(Options options) {
  CT_RETURN_IF_ERROR(GlobalInit());
  if (options.connect_timeout.count() <= 0 || options.timeout.count() <= 0) {
    return InvalidArgumentError("CurlTransport: connect_timeout and timeout must be positive");
  }
  return std::unique_ptr<CurlTransport>(new CurlTransport(std::move(options)));
}

CurlTransport::CurlTransport(Options options) : options_(std::move(options)) {}

CurlTransport::~CurlTransport() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* CurlTransport::TakeHandle() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  return curl_easy_init();
}

void CurlTransport::ReturnHandle(void* handle) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.size() < options_.max_idle_handles) {
      idle_.push_back(handle);
      return;
    }
  }
  curl_easy_cleanup(static_cast<CURL*>(handle));
}

Result<HttpResponse> CurlTransport::Send(const HttpRequest& request) {
  CURL* h = static_cast<CURL*>(TakeHandle());
  if (h == nullptr) return InternalError("curl_easy_init failed (out of memory?)");
  // Reset clears options but keeps the handle's live connections, DNS and TLS session
  // caches: that is what makes the next call to the same host reuse its connection.
  curl_easy_reset(h);

  Exchange ex;
  ex.max_body = options_.max_response_bytes;
  char error_text[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = BuildHeaders(request);
  Configure(h, request, options_, headers, &ex, error_text);

  CURLcode code = curl_easy_perform(h);
  Status error;
  if (code != CURLE_OK) {
    error = MapError(code, h, error_text, request, ex.body_too_large);
  } else {
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    ex.response.status = static_cast<int>(status);
  }
  // The handle must not keep pointers into this call's stack or request.
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  ReturnHandle(h);
  if (!error.ok()) return error;
  return std::move(ex.response);
}

}  // namespace cloud_tasks::http
