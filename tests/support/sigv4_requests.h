#pragma once
// Random but reproducible SigV4 signing cases (seeded), the JSON botocore_sigv4.py reads, and
// the runner for that script. Shared by the botocore cross-check test and bench/sigv4.
//
// The cases stay inside what both implementations define the same way: valid UTF-8, no raw
// '?', '#', tab, CR or LF in paths (urlsplit would cut or strip them), header whitespace made
// of spaces and tabs only (Python's str.split() also splits on other Unicode spaces), no Date
// header, and for presigning no body and no repeated query keys (botocore's SigV4QueryAuth
// folds parameters into a dict and moves a body into the query).

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "auth/aws/credentials.h"
#include "auth/aws/hashing.h"
#include "auth/aws/sigv4.h"
#include "auth/aws/uri_encoding.h"

namespace cloud_tasks::testing {

struct SigV4Case {
  auth::aws::SigningRequest request;
  auth::aws::Credentials credentials;
  auth::aws::SigningParams params;
  bool presign = false;
  bool unsigned_payload = false;
  std::chrono::seconds expires{3600};
};

class SigV4CaseGenerator {
 public:
  explicit SigV4CaseGenerator(std::uint64_t seed) : rng_(seed) {}

  SigV4Case Next() {
    SigV4Case c;
    static const std::vector<std::string> kServices = {"sqs", "ec2", "sts", "s3", "monitoring", "dynamodb"};
    static const std::vector<std::string> kRegions = {"us-east-1", "eu-west-2", "ap-southeast-1",
                                                      "us-gov-west-1"};
    c.params.service = Pick(kServices);
    c.params.region = Pick(kRegions);
    // 2000-01-01 .. 2035-12-31, any second.
    c.params.time = std::chrono::sys_seconds(std::chrono::seconds(Uniform(946684800, 2082671999)));
    bool s3 = c.params.service == "s3";
    c.params.add_content_sha256_header = s3;
    c.presign = Chance(15);
    c.credentials = MakeCredentials();
    MakeEndpoint(c);
    c.request.method = Pick(std::vector<std::string>{"GET", "POST", "PUT", "DELETE", "HEAD", "post"});
    c.request.path = s3 ? MakeS3Path() : MakePath();
    MakeQuery(c);
    MakeHeaders(c);
    if (!c.presign && Chance(50)) c.request.body = MakeBody();
    if (c.presign && s3) {
      c.request.payload_hash = std::string(auth::aws::kUnsignedPayload);
    } else if (!c.presign && c.request.scheme == "https" && Chance(12)) {
      c.unsigned_payload = true;
      c.request.payload_hash = std::string(auth::aws::kUnsignedPayload);
      c.params.add_content_sha256_header = true;
    } else if (Chance(10)) {
      c.request.payload_hash = auth::aws::Sha256Hex(c.request.body);
    }
    c.expires = std::chrono::seconds(Uniform(1, 604800));
    return c;
  }

 private:
  std::int64_t Uniform(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool Chance(int percent) { return Uniform(1, 100) <= percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Uniform(0, static_cast<std::int64_t>(v.size()) - 1))];
  }
  std::string RandomChars(std::string_view alphabet, size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += alphabet[static_cast<size_t>(Uniform(0, alphabet.size() - 1))];
    return s;
  }

  // Pieces of text that exercise encoding: reserved ASCII, spaces, '%', multi-byte UTF-8.
  std::string Text(size_t max_pieces, bool add_delimiter) {
    static const std::vector<std::string> kPieces = {
        "a", "Z", "09", "-._~", "key", "Value", " ",  "  ", "!", "$",      "&", "'", "(",      ")",
        "*", "+", ",",  ";",    "=",   ":",     "@",  "/",  "%", "%41",    "[", "]", "\"",     "<",
        ">", "^", "`",  "{",    "|",   "}",     "\\", "é",  "ሴ", "日本語", "😀", "ß", "\u00a0x"};
    std::string s;
    size_t n = static_cast<size_t>(Uniform(0, static_cast<std::int64_t>(max_pieces)));
    for (size_t i = 0; i < n; ++i) s += Pick(kPieces);
    if (add_delimiter && Chance(20)) s += Pick(std::vector<std::string>{"?", "#"});
    return s;
  }

  auth::aws::Credentials MakeCredentials() {
    static constexpr std::string_view kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static constexpr std::string_view kBase64 =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    auth::aws::Credentials cred;
    cred.access_key_id = (Chance(50) ? "AKIA" : "ASIA") + RandomChars(kUpper, 16);
    cred.secret_access_key = RandomChars(kBase64, 40);
    if (Chance(35)) cred.session_token = RandomChars(kBase64, static_cast<size_t>(Uniform(16, 400))) + "==";
    return cred;
  }

  void MakeEndpoint(SigV4Case& c) {
    c.request.scheme = Chance(85) ? "https" : "http";
    std::string host = c.params.service + "." + c.params.region + ".amazonaws.com";
    if (Chance(10)) host = "SQS.Example-Host.COM";
    if (Chance(5)) host = "127.0.0.1";
    c.request.host = host;
    int port_choice = static_cast<int>(Uniform(0, 9));
    if (port_choice == 0) c.request.port = c.request.scheme == "https" ? 443 : 80;
    if (port_choice == 1) c.request.port = 8443;
    if (port_choice == 2) c.request.port = 4566;
  }

  std::string MakePath() {
    if (Chance(40)) return "/";
    static const std::vector<std::string> kSegments = {"",  ".",     "..",  "a",   "b",        "foo bar",
                                                       "ሴ", "~user", "x.y", "%2F", "%E1%88%B4"};
    std::string path;
    size_t n = static_cast<size_t>(Uniform(1, 5));
    for (size_t i = 0; i < n; ++i) {
      path += '/';
      path += Chance(50) ? Pick(kSegments) : auth::aws::EncodeWirePath(Text(4, true));
    }
    if (Chance(25)) path += '/';
    return path;
  }

  std::string MakeS3Path() {
    std::string key = Text(6, true);
    if (Chance(20)) key = "dir//sub/../" + key;
    return "/bucket-" + std::to_string(Uniform(1, 9)) + "/" + auth::aws::EncodeWirePath(key);
  }

  void MakeQuery(SigV4Case& c) {
    static const std::vector<std::string> kNames = {"Action", "Version", "QueueUrl", "MessageBody",
                                                    "Param",  "param",   "a",        ""};
    size_t n = static_cast<size_t>(Uniform(0, 6));
    std::set<std::string> seen;
    for (size_t i = 0; i < n; ++i) {
      auth::aws::QueryParam p;
      p.name = Chance(60) ? Pick(kNames) : Text(3, true);
      p.value = Chance(15) ? "" : Text(5, true);
      if (c.presign) {
        if (p.name.empty() || p.name.starts_with("X-Amz") || !seen.insert(p.name).second) continue;
      }
      c.request.query.push_back(p);
      // A repeated key with a different value.
      if (!c.presign && Chance(15)) c.request.query.push_back({p.name, Text(2, true)});
    }
  }

  std::string HeaderValue() {
    static constexpr std::string_view kPrintable =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    std::string v;
    size_t words = static_cast<size_t>(Uniform(0, 4));
    if (Chance(30)) v += Pick(std::vector<std::string>{" ", "\t", "  \t "});
    for (size_t i = 0; i < words; ++i) {
      if (i > 0) v += Pick(std::vector<std::string>{" ", "  ", "\t", " \t  "});
      v += RandomChars(kPrintable, static_cast<size_t>(Uniform(1, 12)));
    }
    if (Chance(30)) v += Pick(std::vector<std::string>{" ", "\t", "   "});
    return v;
  }

  void MakeHeaders(SigV4Case& c) {
    static const std::vector<std::string> kNames = {
        "Content-Type",         "X-Amz-Target",        "My-Header", "my-header",        "X-Custom-Thing",
        "X-Amz-Meta-Foo",       "User-Agent",          "Expect",    "Content-Encoding", "x-amz-date",
        "X-Amz-Security-Token", "X-Amz-Content-SHA256"};
    if (Chance(30))
      c.request.headers.push_back({Chance(50) ? "Host" : "host", auth::aws::HostHeaderValue(c.request)});
    size_t n = static_cast<size_t>(Uniform(0, 5));
    for (size_t i = 0; i < n; ++i) {
      std::string name = Pick(kNames);
      bool special = name == "x-amz-date" || name == "X-Amz-Security-Token" || name == "X-Amz-Content-SHA256";
      if (special && (c.presign || Chance(60))) continue;
      std::string value = HeaderValue();
      if (name == "X-Amz-Content-SHA256") {
        if (c.params.add_content_sha256_header) continue;
        value = auth::aws::Sha256Hex(value);  // any 64-hex string: botocore signs what it is given
      }
      c.request.headers.push_back({name, value});
    }
  }

  std::string MakeBody() {
    std::string body;
    size_t n = static_cast<size_t>(Uniform(1, 300));
    if (Chance(50)) {
      for (size_t i = 0; i < n; ++i) body += static_cast<char>(Uniform(0, 255));
    } else {
      body = "Action=SendMessage&MessageBody=" + Text(8, false);
    }
    return body;
  }

  std::mt19937_64 rng_;
};

inline std::string HexBytes(std::string_view s) {
  return auth::aws::HexEncode({reinterpret_cast<const unsigned char*>(s.data()), s.size()});
}

/// The cases as the JSON list botocore_sigv4.py reads.
inline std::string SigV4CasesToJson(const std::vector<SigV4Case>& cases) {
  nlohmann::json list = nlohmann::json::array();
  for (const SigV4Case& c : cases) {
    const auto& r = c.request;
    std::string url = r.scheme + "://" + r.host + (r.port ? ":" + std::to_string(r.port) : "") + r.path;
    nlohmann::json query = nlohmann::json::array();
    for (const auto& q : r.query) query.push_back({q.name, q.value});
    nlohmann::json headers = nlohmann::json::array();
    for (const auto& h : r.headers) headers.push_back({h.name, h.value});
    list.push_back({
        {"service", c.params.service},
        {"region", c.params.region},
        {"time", c.params.time.time_since_epoch().count()},
        {"access_key", c.credentials.access_key_id},
        {"secret_key", c.credentials.secret_access_key},
        {"token", c.credentials.session_token},
        {"method", r.method},
        {"url", url},
        {"params", query},
        {"headers", headers},
        {"body_hex", HexBytes(r.body)},
        {"presign", c.presign},
        {"unsigned_payload", c.unsigned_payload},
        {"expires", c.expires.count()},
    });
  }
  return list.dump();
}

/// Where botocore_sigv4.py lives (next to this header).
inline std::string BotocoreScriptPath() {
  std::string here = __FILE__;
  return here.substr(0, here.rfind('/') + 1) + "botocore_sigv4.py";
}

/// The Debian interpreter, which is the one python3-botocore installs into.
inline constexpr const char* kSystemPython = "/usr/bin/python3";

}  // namespace cloud_tasks::testing
