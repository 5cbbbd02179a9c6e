#pragma once
// A fake HttpTransport answering from a script (responses or errors, in order) and
// recording every request it was handed: the inner transport of decorator tests.

#include <deque>
#include <mutex>
#include <vector>

#include "http/http.h"

namespace cloud_tasks::http::testing {

inline HttpResponse MakeResponse(int status, std::string body = "", HeaderList headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

class ScriptedTransport : public HttpTransport {
 public:
  void Add(Result<HttpResponse> outcome) { script_.push_back(std::move(outcome)); }

  Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    seen_.push_back(request);
    if (script_.empty()) return MakeResponse(200, "default");
    Result<HttpResponse> next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  std::vector<HttpRequest> seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }

 private:
  std::mutex mu_;
  std::deque<Result<HttpResponse>> script_;
  std::vector<HttpRequest> seen_;
};

}  // namespace cloud_tasks::http::testing
