#pragma once
// A scripted HttpTransport for the GCP auth unit tests: answers queued results in order
// (then the fallback handler, else "no answer"), records every request.

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "http/http.h"

namespace cloud_tasks::auth::gcp::testing {

inline http::HttpResponse Answer(int status, std::string body, http::HeaderList headers = {}) {
  http::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

// A metadata-server answer (carries `metadata-flavor: Google`).
inline http::HttpResponse MetadataAnswer(int status, std::string body) {
  return Answer(status, std::move(body),
                {{"metadata-flavor", "Google"}, {"content-type", "application/text"}});
}

inline std::string TokenJson(const std::string& token, int expires_in = 3599) {
  return R"({"access_token":")" + token + R"(","expires_in":)" + std::to_string(expires_in) +
         R"(,"token_type":"Bearer"})";
}

class ScriptedTransport : public http::HttpTransport {
 public:
  using Handler = std::function<Result<http::HttpResponse>(const http::HttpRequest&)>;

  void Push(Result<http::HttpResponse> answer) {
    std::lock_guard<std::mutex> lock(mu_);
    script_.push_back(std::move(answer));
  }
  void SetFallback(Handler handler) {
    std::lock_guard<std::mutex> lock(mu_);
    fallback_ = std::move(handler);
  }

  Result<http::HttpResponse> Send(const http::HttpRequest& request) override {
    Handler fallback;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(request);
      if (!script_.empty()) {
        Result<http::HttpResponse> next = std::move(script_.front());
        script_.pop_front();
        return next;
      }
      fallback = fallback_;
    }
    if (fallback) return fallback(request);
    return UnavailableError("connection refused (no scripted answer for " + request.url + ")");
  }

  std::vector<http::HttpRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  size_t request_count() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_.size();
  }

 private:
  std::mutex mu_;
  std::deque<Result<http::HttpResponse>> script_;
  Handler fallback_;
  std::vector<http::HttpRequest> requests_;
};

}  // namespace cloud_tasks::auth::gcp::testing
