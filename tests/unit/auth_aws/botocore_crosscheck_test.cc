// Bulk cross-check against botocore (the reference signer): a few hundred seeded random
// requests signed by both; every Authorization header (and every presigned query) must match.
// botocore is a required test dependency (scripts/setup.sh installs python3-botocore): when it
// cannot be imported this test fails, it does not skip.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "auth/aws/sigv4.h"
#include "support/run_process.h"
#include "support/sigv4_requests.h"

namespace cloud_tasks::testing {
namespace {

using auth::aws::PresignRequest;
using auth::aws::SigningKeyCache;
using auth::aws::SignRequest;

constexpr size_t kCases = 600;
constexpr std::uint64_t kSeed = 20261128;

std::vector<std::string> SplitQuery(const std::string& q) {
  std::vector<std::string> parts;
  std::stringstream in(q);
  for (std::string part; std::getline(in, part, '&');) parts.push_back(part);
  std::sort(parts.begin(), parts.end());
  return parts;
}

std::string Describe(const SigV4Case& c) {
  // Everything but the secret.
  std::string s = c.params.service + " " + c.params.region + " " + c.request.method + " " + c.request.scheme +
                  "://" + c.request.host + ":" + std::to_string(c.request.port) + c.request.path;
  for (const auto& q : c.request.query) s += " [q " + q.name + "=" + q.value + "]";
  for (const auto& h : c.request.headers) s += " [h " + h.name + ": " + h.value + "]";
  s += c.presign ? " presign" : "";
  s += c.unsigned_payload ? " unsigned" : "";
  s += c.credentials.has_session_token() ? " token" : "";
  return s;
}

class BotocoreCrossCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    ProcessResult probe = RunProcess({kSystemPython, "-c", "import botocore.auth"});
    ASSERT_EQ(probe.exit_code, 0) << kSystemPython << " cannot import botocore (" << probe.err
                                  << "): run scripts/setup.sh, which installs the Debian package "
                                     "python3-botocore. This test requires it and does not skip.";
  }
};

TEST_F(BotocoreCrossCheck, GeneratedRequestsMatchBotocore) {
  SigV4CaseGenerator gen(kSeed);
  std::vector<SigV4Case> cases;
  for (size_t i = 0; i < kCases; ++i) cases.push_back(gen.Next());

  std::string path =
      (std::filesystem::temp_directory_path() / ("ct_sigv4_cases_" + std::to_string(::getpid()) + ".json"))
          .string();
  {
    std::ofstream out(path);
    out << SigV4CasesToJson(cases);
  }
  ProcessResult r = RunProcess({kSystemPython, BotocoreScriptPath(), path});
  std::filesystem::remove(path);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  std::vector<std::string> lines;
  std::stringstream in(r.out);
  for (std::string line; std::getline(in, line);)
    lines.push_back(nlohmann::json::parse(line).get<std::string>());
  ASSERT_EQ(lines.size(), cases.size());

  SigningKeyCache cache;
  size_t mismatches = 0, presigned = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    const SigV4Case& c = cases[i];
    std::string ours;
    if (c.presign) {
      ++presigned;
      ours = PresignRequest(c.request, c.credentials, c.params, c.expires, &cache);
      // Same parameters and signature; botocore orders the URL's parameters differently.
      bool same = SplitQuery(ours) == SplitQuery(lines[i]);
      if (!same) ++mismatches;
      EXPECT_TRUE(same) << "case " << i << ": " << Describe(c) << "\n ours:     " << ours
                        << "\n botocore: " << lines[i];
    } else {
      ours = SignRequest(c.request, c.credentials, c.params, &cache).authorization;
      if (ours != lines[i]) ++mismatches;
      EXPECT_EQ(ours, lines[i]) << "case " << i << ": " << Describe(c);
    }
    if (mismatches > 10) FAIL() << "too many mismatches, stopping";
  }
  EXPECT_GT(presigned, kCases / 10);
}

TEST(SigV4CaseGenerator, CoversTheInterestingShapes) {
  // The cross-check only proves what the generated cases contain.
  SigV4CaseGenerator gen(kSeed);
  size_t s3 = 0, token = 0, unsigned_payload = 0, repeated_key = 0, empty_key = 0, body = 0, ws_header = 0,
         dot_path = 0, utf8 = 0, port = 0;
  std::set<std::string> services;
  for (size_t i = 0; i < kCases; ++i) {
    SigV4Case c = gen.Next();
    services.insert(c.params.service);
    s3 += c.params.service == "s3";
    token += c.credentials.has_session_token();
    unsigned_payload += c.unsigned_payload;
    body += !c.request.body.empty();
    port += c.request.port != 0;
    dot_path +=
        c.request.path.find("/.") != std::string::npos || c.request.path.find("//") != std::string::npos;
    std::set<std::string> names;
    for (const auto& q : c.request.query) {
      repeated_key += !names.insert(q.name).second;
      empty_key += q.name.empty();
      for (char ch : q.name + q.value + c.request.path) utf8 += static_cast<unsigned char>(ch) >= 0x80;
    }
    for (const auto& h : c.request.headers)
      ws_header += h.value.find("  ") != std::string::npos || h.value.find('\t') != std::string::npos;
  }
  EXPECT_TRUE(services.count("sqs") && services.count("ec2") && services.count("sts") &&
              services.count("s3"));
  for (size_t n :
       {s3, token, unsigned_payload, repeated_key, empty_key, body, ws_header, dot_path, utf8, port}) {
    EXPECT_GT(n, 10u);
  }
}

}  // namespace
}  // namespace cloud_tasks::testing
