#pragma once
// Test doubles for the AWS credential chain: a scripted HttpTransport, a scripted process
// runner, a fake wall clock and a temporary directory for shared files.

#include <stdlib.h>
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include "auth/aws/process_runner.h"
#include "auth/aws/wall_clock.h"
#include "core/status.h"
#include "http/http.h"

namespace cloud_tasks::auth::aws::testing {

// Secrets used across the tests: no error message or ToString may contain them.
inline constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
inline constexpr char kToken[] = "IQoJb3JpZ2luX2VjTOKENVALUE";

class ScriptedTransport : public http::HttpTransport {
 public:
  void Answer(int status, std::string body = "") {
    http::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    script_.emplace_back(std::move(r));
  }
  void Fail(Status status) { script_.emplace_back(std::move(status)); }

  Result<http::HttpResponse> Send(const http::HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    if (script_.empty()) return UnavailableError("connection refused (script exhausted)");
    Result<http::HttpResponse> r = std::move(script_.front());
    script_.pop_front();
    return r;
  }
  std::vector<http::HttpRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  std::mutex mu_;
  std::deque<Result<http::HttpResponse>> script_;
  std::vector<http::HttpRequest> requests_;
};

class ScriptedRunner : public ProcessRunner {
 public:
  void Answer(int exit_code, std::string out, std::string err = "") {
    ProcessOutput o;
    o.exit_code = exit_code;
    o.out = std::move(out);
    o.err = std::move(err);
    script_.emplace_back(std::move(o));
  }
  Result<ProcessOutput> Run(const std::vector<std::string>& argv) override {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back(argv);
    if (script_.empty()) return NotFoundError("cannot run " + argv[0] + ": script exhausted");
    ProcessOutput o = script_.front();
    script_.pop_front();
    return o;
  }
  std::vector<std::vector<std::string>> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }

 private:
  std::mutex mu_;
  std::deque<ProcessOutput> script_;
  std::vector<std::vector<std::string>> calls_;
};

class FakeClock {
 public:
  explicit FakeClock(SystemTime start) : now_(start) {}
  WallClock AsWallClock() {
    return [this] {
      std::lock_guard<std::mutex> lock(mu_);
      return now_;
    };
  }
  void Advance(std::chrono::seconds d) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += d;
  }
  SystemTime now() {
    std::lock_guard<std::mutex> lock(mu_);
    return now_;
  }

 private:
  std::mutex mu_;
  SystemTime now_;
};

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ct_aws_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string Write(const std::string& name, const std::string& text, bool executable = false) {
    std::string p = path_ + "/" + name;
    std::ofstream(p) << text;
    if (executable) std::filesystem::permissions(p, std::filesystem::perms::owner_all);
    return p;
  }

 private:
  std::string path_;
};

inline bool HasSecret(const std::string& text) {
  return text.find(kSecret) != std::string::npos || text.find(kToken) != std::string::npos;
}

}  // namespace cloud_tasks::auth::aws::testing
