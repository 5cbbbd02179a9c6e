// bench_sigv4: SigV4 header signing throughput, ours against botocore's SigV4Auth.
//
//   bench_sigv4 [--requests N (default 100000)] [--seed S] [--no-botocore]
//
// Requests come from the seeded generator the botocore cross-check uses (reserved and UTF-8
// paths and query strings, repeated keys, odd header whitespace, bodies up to 300 bytes,
// session tokens, services sqs/ec2/sts/s3/monitoring/dynamodb), with one set of credentials,
// one region and one day, as a real client signs. Phases:
//   1. ours, one SigningKeyCache shared by all calls (the normal case);
//   2. ours, no cache: the signing key is derived for every request (cold cache);
//   3. botocore (/usr/bin/python3 tests/support/botocore_sigv4.py --bench): the same requests,
//      timed inside Python around the add_auth loop only (request objects built outside it).
// Prints signatures per second for each and the ratios ours / botocore.

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../../tests/support/run_process.h"
#include "../../tests/support/sigv4_requests.h"
#include "auth/aws/sigv4.h"

namespace {

using cloud_tasks::auth::aws::SigningKeyCache;
using cloud_tasks::auth::aws::SignRequest;
using cloud_tasks::testing::SigV4Case;
using Clock = std::chrono::steady_clock;

struct Args {
  size_t requests = 100000;
  std::uint64_t seed = 7;
  bool botocore = true;
};

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--no-botocore") {
      args.botocore = false;
      continue;
    }
    if (i + 1 >= argc) return false;
    std::string value = argv[++i];
    if (flag == "--requests") {
      args.requests = std::stoull(value);
    } else if (flag == "--seed") {
      args.seed = std::stoull(value);
    } else {
      return false;
    }
  }
  return args.requests > 0;
}

std::vector<SigV4Case> MakeCases(const Args& args) {
  cloud_tasks::testing::SigV4CaseGenerator gen(args.seed);
  std::vector<SigV4Case> cases;
  cases.reserve(args.requests);
  SigV4Case first = gen.Next();
  const auto day = std::chrono::floor<std::chrono::days>(first.params.time);
  for (size_t i = 0; i < args.requests; ++i) {
    SigV4Case c = gen.Next();
    c.presign = false;
    c.credentials = first.credentials;
    c.params.region = "us-east-1";
    c.params.time = day + (c.params.time - std::chrono::floor<std::chrono::days>(c.params.time));
    cases.push_back(std::move(c));
  }
  return cases;
}

// Signs every case; returns seconds. `sink` keeps the work observable.
double SignAll(const std::vector<SigV4Case>& cases, SigningKeyCache* cache, size_t& sink) {
  auto start = Clock::now();
  for (const SigV4Case& c : cases) {
    sink += SignRequest(c.request, c.credentials, c.params, cache).authorization.back();
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// botocore's signing time for the same cases, or a negative number on failure.
double BotocoreSeconds(const std::vector<SigV4Case>& cases) {
  std::string path =
      (std::filesystem::temp_directory_path() / fmt::format("ct_bench_sigv4_{}.json", ::getpid())).string();
  {
    std::ofstream out(path);
    out << cloud_tasks::testing::SigV4CasesToJson(cases);
  }
  auto r = cloud_tasks::testing::RunProcess(
      {cloud_tasks::testing::kSystemPython, cloud_tasks::testing::BotocoreScriptPath(), "--bench", path});
  std::filesystem::remove(path);
  size_t count = 0;
  double seconds = -1;
  if (r.exit_code != 0 || std::sscanf(r.out.c_str(), "%zu %lf", &count, &seconds) != 2 ||
      count != cases.size()) {
    std::fprintf(stderr, "botocore run failed (exit %d): %s\n", r.exit_code, r.err.c_str());
    return -1;
  }
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    std::fprintf(stderr, "usage: bench_sigv4 [--requests N] [--seed S] [--no-botocore]\n");
    return 2;
  }
  std::vector<SigV4Case> cases = MakeCases(args);
  size_t sink = 0;
  SigningKeyCache cache;
  SignAll(std::vector<SigV4Case>(cases.begin(), cases.begin() + std::min<size_t>(1000, cases.size())), &cache,
          sink);  // warm-up
  double warm = SignAll(cases, &cache, sink);
  double cold = SignAll(cases, nullptr, sink);
  double n = static_cast<double>(cases.size());
  fmt::print("sigv4: {} requests (header signing), sink {}\n", cases.size(), sink % 10);
  fmt::print(
      "  ours, warm signing-key cache:  {:>10.0f} signatures/s  ({:.2f} us each; cache hits {}, misses {})\n",
      n / warm, 1e6 * warm / n, cache.hits(), cache.misses());
  fmt::print("  ours, cold (no cache):         {:>10.0f} signatures/s  ({:.2f} us each)\n", n / cold,
             1e6 * cold / n);
  if (!args.botocore) return 0;
  double boto = BotocoreSeconds(cases);
  if (boto <= 0) return 1;
  fmt::print("  botocore SigV4Auth.add_auth:   {:>10.0f} signatures/s  ({:.2f} us each)\n", n / boto,
             1e6 * boto / n);
  fmt::print("  ratio ours/botocore: warm {:.1f}x, cold {:.1f}x\n", boto / warm, boto / cold);
  return 0;
}
