#include "auth/aws/sigv4.h"

#include "auth/aws/canonical.h"
#include "auth/aws/hashing.h"

namespace cloud_tasks::auth::aws {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view lower_b) {
  if (a.size() != lower_b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != lower_b[i]) return false;
  }
  return true;
}

// botocore's SIGNED_HEADERS_BLACKLIST plus Authorization (the signature cannot sign itself).
bool NeverSigned(std::string_view name) {
  return EqualsIgnoreCase(name, "authorization") || EqualsIgnoreCase(name, "user-agent") ||
         EqualsIgnoreCase(name, "expect") || EqualsIgnoreCase(name, "x-amzn-trace-id");
}

const Header* FindHeader(const std::vector<Header>& headers, std::string_view lower_name) {
  for (const Header& h : headers) {
    if (EqualsIgnoreCase(h.name, lower_name)) return &h;
  }
  return nullptr;
}

void AppendDigits(unsigned value, int width, std::string& out) {
  char digits[8];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

// The payload hash: a caller's X-Amz-Content-SHA256 header wins (botocore), unless the signer
// sets that header itself; then request.payload_hash; else SHA-256 of the body. `storage`
// holds a computed hash.
std::string_view PayloadHash(const SigningRequest& request, const SigningParams& params,
                             std::string& storage) {
  if (!params.add_content_sha256_header) {
    if (const Header* h = FindHeader(request.headers, "x-amz-content-sha256")) return h->value;
  }
  if (request.payload_hash) return *request.payload_hash;
  storage.clear();
  AppendHex(Sha256(request.body), storage);
  return storage;
}

// The request's own headers that are signed, with Host added when absent. `skip` names
// (lower case) are dropped because the signer sets them itself.
void CollectHeaders(const SigningRequest& request, std::initializer_list<std::string_view> skip,
                    std::string& host_storage, std::vector<HeaderView>& out) {
  bool has_host = false;
  for (const Header& h : request.headers) {
    if (NeverSigned(h.name)) continue;
    bool skipped = false;
    for (std::string_view s : skip) skipped = skipped || (!s.empty() && EqualsIgnoreCase(h.name, s));
    if (skipped) continue;
    has_host = has_host || EqualsIgnoreCase(h.name, "host");
    out.push_back({h.name, h.value});
  }
  if (!has_host) {
    host_storage.clear();
    AppendHostHeaderValue(request, host_storage);
    out.push_back({"host", host_storage});
  }
}

void AppendScope(std::string_view date, std::string_view region, std::string_view service, std::string& out) {
  out += date;
  out += '/';
  out += region;
  out += '/';
  out += service;
  out += "/aws4_request";
}

void AppendStringToSign(std::string_view amz_date, std::string_view scope, std::string_view canonical_request,
                        std::string& out) {
  out += kAlgorithm;
  out += '\n';
  out += amz_date;
  out += '\n';
  out += scope;
  out += '\n';
  AppendHex(Sha256(canonical_request), out);
}

void AppendUpper(std::string_view s, std::string& out) {
  for (char c : s) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// Method \n CanonicalUri \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n Payload,
// with the query already canonical (`canonical_query`) or built from the request (null).
void BuildCanonicalRequest(const SigningRequest& request, const SigningParams& params,
                           const std::string* canonical_query, std::span<const HeaderView> headers,
                           std::string_view payload_hash, std::string& out, std::string& signed_headers) {
  AppendUpper(request.method, out);
  out += '\n';
  AppendCanonicalUri(request.path, params.service, params.path_mode, out);
  out += '\n';
  if (canonical_query) {
    out += *canonical_query;
  } else {
    AppendCanonicalQueryString(request.query, out);
  }
  out += '\n';
  AppendCanonicalHeaders(headers, out, signed_headers);
  out += '\n';
  out += signed_headers;
  out += '\n';
  out += payload_hash;
}

SigningKey KeyFor(const Credentials& credentials, std::string_view date, const SigningParams& params,
                  SigningKeyCache* cache) {
  if (cache) return cache->Get(credentials, date, params.region, params.service);
  return DeriveSigningKey(credentials.secret_access_key, date, params.region, params.service);
}

// Everything the two entry points share after the canonical request is built.
struct Scratch {
  std::string canonical_request;
  std::string signed_headers;
  std::string scope;
  std::string string_to_sign;
  std::string payload_hash;
  std::string host;
  std::string signature;
  std::vector<HeaderView> headers;

  void Clear() {
    canonical_request.clear();
    signed_headers.clear();
    scope.clear();
    string_to_sign.clear();
    signature.clear();
    headers.clear();
  }
};

// The signature (hex) of `s.canonical_request`; fills s.scope and s.string_to_sign.
void SignCanonical(const Credentials& credentials, const SigningParams& params, std::string_view amz_date,
                   SigningKeyCache* cache, Scratch& s, std::string& signature_hex) {
  std::string_view date = amz_date.substr(0, 8);
  AppendScope(date, params.region, params.service, s.scope);
  AppendStringToSign(amz_date, s.scope, s.canonical_request, s.string_to_sign);
  SigningKey key = KeyFor(credentials, date, params, cache);
  AppendHex(HmacSha256({key.data(), key.size()}, s.string_to_sign), signature_hex);
}

void FillTrace(const Scratch& s, std::string_view signature, SigningTrace* trace) {
  if (!trace) return;
  trace->canonical_request = s.canonical_request;
  trace->string_to_sign = s.string_to_sign;
  trace->signed_headers = s.signed_headers;
  trace->signature = signature;
}

}  // namespace

std::string AmzDate(std::chrono::sys_seconds time) {
  using namespace std::chrono;
  sys_days day = floor<days>(time);
  year_month_day ymd(day);
  hh_mm_ss<seconds> hms(time - day);
  std::string out;
  AppendDigits(static_cast<unsigned>(static_cast<int>(ymd.year())), 4, out);
  AppendDigits(static_cast<unsigned>(ymd.month()), 2, out);
  AppendDigits(static_cast<unsigned>(ymd.day()), 2, out);
  out += 'T';
  AppendDigits(static_cast<unsigned>(hms.hours().count()), 2, out);
  AppendDigits(static_cast<unsigned>(hms.minutes().count()), 2, out);
  AppendDigits(static_cast<unsigned>(hms.seconds().count()), 2, out);
  out += 'Z';
  return out;
}

std::string CredentialScope(std::string_view date, std::string_view region, std::string_view service) {
  std::string out;
  out.reserve(date.size() + region.size() + service.size() + 15);
  AppendScope(date, region, service, out);
  return out;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out;
  AppendStringToSign(amz_date, scope, canonical_request, out);
  return out;
}

std::string Signature(const SigningKey& signing_key, std::string_view string_to_sign) {
  return HexEncode(HmacSha256({signing_key.data(), signing_key.size()}, string_to_sign));
}

std::string AuthorizationHeader(std::string_view access_key_id, std::string_view scope,
                                std::string_view signed_headers, std::string_view signature) {
  std::string out;
  out.reserve(kAlgorithm.size() + access_key_id.size() + scope.size() + signed_headers.size() +
              signature.size() + 40);
  out += kAlgorithm;
  out += " Credential=";
  out += access_key_id;
  out += '/';
  out += scope;
  out += ", SignedHeaders=";
  out += signed_headers;
  out += ", Signature=";
  out += signature;
  return out;
}

void SigV4Headers::ApplyTo(std::vector<Header>& headers) const {
  auto set = [&headers](std::string_view name, std::string_view lower, const std::string& value) {
    if (value.empty()) return;
    std::erase_if(headers, [&](const Header& h) { return EqualsIgnoreCase(h.name, lower); });
    headers.push_back({std::string(name), value});
  };
  set("X-Amz-Date", "x-amz-date", x_amz_date);
  set("X-Amz-Security-Token", "x-amz-security-token", x_amz_security_token);
  set("X-Amz-Content-SHA256", "x-amz-content-sha256", x_amz_content_sha256);
  set("Authorization", "authorization", authorization);
}

SigV4Headers SignRequest(const SigningRequest& request, const Credentials& credentials,
                         const SigningParams& params, SigningKeyCache* cache, SigningTrace* trace) {
  thread_local Scratch s;
  s.Clear();
  SigV4Headers out;
  out.x_amz_date = AmzDate(params.time);
  std::string_view payload_hash = PayloadHash(request, params, s.payload_hash);
  if (credentials.has_session_token()) out.x_amz_security_token = credentials.session_token;
  if (params.add_content_sha256_header) out.x_amz_content_sha256 = payload_hash;

  CollectHeaders(request,
                 {"x-amz-date", credentials.has_session_token() ? "x-amz-security-token" : "",
                  params.add_content_sha256_header ? "x-amz-content-sha256" : ""},
                 s.host, s.headers);
  s.headers.push_back({"x-amz-date", out.x_amz_date});
  if (!out.x_amz_security_token.empty())
    s.headers.push_back({"x-amz-security-token", out.x_amz_security_token});
  if (!out.x_amz_content_sha256.empty())
    s.headers.push_back({"x-amz-content-sha256", out.x_amz_content_sha256});
  BuildCanonicalRequest(request, params, nullptr, s.headers, payload_hash, s.canonical_request,
                        s.signed_headers);

  std::string& signature = s.signature;
  SignCanonical(credentials, params, out.x_amz_date, cache, s, signature);
  out.authorization = AuthorizationHeader(credentials.access_key_id, s.scope, s.signed_headers, signature);
  FillTrace(s, signature, trace);
  return out;
}

std::string PresignRequest(const SigningRequest& request, const Credentials& credentials,
                           const SigningParams& params, std::chrono::seconds expires, SigningKeyCache* cache,
                           SigningTrace* trace) {
  thread_local Scratch s;
  s.Clear();
  std::string amz_date = AmzDate(params.time);
  std::string_view payload_hash = PayloadHash(request, params, s.payload_hash);
  CollectHeaders(request, {"x-amz-date", "x-amz-security-token"}, s.host, s.headers);
  // The signed headers list is itself a query parameter, so it is computed first.
  std::string ignored_canonical;
  AppendCanonicalHeaders(s.headers, ignored_canonical, s.signed_headers);

  std::vector<QueryParam> query = request.query;
  query.push_back({"X-Amz-Algorithm", std::string(kAlgorithm)});
  query.push_back({"X-Amz-Credential", credentials.access_key_id + "/" +
                                           CredentialScope(std::string_view(amz_date).substr(0, 8),
                                                           params.region, params.service)});
  query.push_back({"X-Amz-Date", amz_date});
  query.push_back({"X-Amz-Expires", std::to_string(expires.count())});
  query.push_back({"X-Amz-SignedHeaders", s.signed_headers});
  if (credentials.has_session_token()) query.push_back({"X-Amz-Security-Token", credentials.session_token});
  std::string canonical_query = CanonicalQueryString(query);

  s.signed_headers.clear();
  BuildCanonicalRequest(request, params, &canonical_query, s.headers, payload_hash, s.canonical_request,
                        s.signed_headers);
  std::string& signature = s.signature;
  SignCanonical(credentials, params, amz_date, cache, s, signature);
  FillTrace(s, signature, trace);
  return canonical_query + "&X-Amz-Signature=" + signature;
}

}  // namespace cloud_tasks::auth::aws
