// The published AWS SigV4 test suite (suite_vectors.h): every stage on its own against the
// published canonical request, string to sign and signature, then both entry points whole.

#include <gtest/gtest.h>

#include <chrono>

#include "auth/aws/canonical.h"
#include "auth/aws/sigv4.h"
#include "auth/aws/uri_encoding.h"
#include "suite_vectors.h"

namespace cloud_tasks::auth::aws::testing {
namespace {

// The published canonical request cut into its parts.
struct CreqParts {
  std::string method, uri, query, headers, signed_headers, payload;
};

CreqParts Split(const std::string& creq) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (true) {
    size_t nl = creq.find('\n', at);
    lines.push_back(creq.substr(at, nl == std::string::npos ? std::string::npos : nl - at));
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  CreqParts p;
  p.method = lines.at(0);
  p.uri = lines.at(1);
  p.query = lines.at(2);
  size_t i = 3;
  for (; i < lines.size() && !lines[i].empty(); ++i) p.headers += lines[i] + "\n";
  p.signed_headers = lines.at(i + 1);
  p.payload = lines.at(i + 2);
  return p;
}

SigningRequest RequestOf(const SuiteCase& c) {
  SigningRequest r;
  r.method = c.method;
  r.host = "example.amazonaws.com";
  r.path = c.path;
  for (const auto& [k, v] : c.query) r.query.push_back({k, v});
  for (const auto& [k, v] : c.headers) r.headers.push_back({k, v});
  r.body = c.body;
  return r;
}

SigningParams ParamsOf(const SuiteCase& c) {
  return SigningParams{.service = kSuiteService,
                       .region = kSuiteRegion,
                       .time = std::chrono::sys_seconds{std::chrono::seconds{kSuiteTime}},
                       // The suite's "unnormalized" cases: no dot-segment removal, encode once.
                       .path_mode = c.normalize ? UriPathMode::kNormalizeAndEncode : UriPathMode::kEncodeOnce,
                       .add_content_sha256_header = c.sign_body};
}

Credentials CredentialsOf(const SuiteCase& c) {
  return Credentials{.access_key_id = kSuiteAccessKey,
                     .secret_access_key = kSuiteSecretKey,
                     .session_token = c.session_token};
}

class SigV4Suite : public ::testing::TestWithParam<SuiteCase> {};

TEST_P(SigV4Suite, CanonicalUriStage) {
  const SuiteCase& c = GetParam();
  EXPECT_EQ(CanonicalUri(c.path, kSuiteService, ParamsOf(c).path_mode),
            Split(c.header_canonical_request).uri);
}

TEST_P(SigV4Suite, CanonicalQueryStage) {
  const SuiteCase& c = GetParam();
  EXPECT_EQ(CanonicalQueryString(RequestOf(c).query), Split(c.header_canonical_request).query);
}

TEST_P(SigV4Suite, CanonicalHeadersStage) {
  const SuiteCase& c = GetParam();
  SigningRequest r = RequestOf(c);
  // The headers header-signing signs: the request's, then the ones the signer adds.
  std::string payload = HashedPayload(c.body);
  r.headers.push_back({"X-Amz-Date", "20150830T123600Z"});
  if (!c.session_token.empty()) r.headers.push_back({"X-Amz-Security-Token", c.session_token});
  if (c.sign_body) r.headers.push_back({"X-Amz-Content-SHA256", payload});
  CanonicalHeaderBlock block = CanonicalHeaders(r.headers);
  CreqParts expected = Split(c.header_canonical_request);
  EXPECT_EQ(block.canonical, expected.headers);
  EXPECT_EQ(block.signed_headers, expected.signed_headers);
}

TEST_P(SigV4Suite, HashedPayloadStage) {
  const SuiteCase& c = GetParam();
  EXPECT_EQ(HashedPayload(c.body), Split(c.header_canonical_request).payload);
  EXPECT_EQ(HashedPayload(c.body), Split(c.query_canonical_request).payload);
}

TEST_P(SigV4Suite, CanonicalRequestStage) {
  const SuiteCase& c = GetParam();
  CreqParts p = Split(c.header_canonical_request);
  EXPECT_EQ(CanonicalRequest(c.method, p.uri, p.query, p.headers, p.signed_headers, p.payload),
            c.header_canonical_request);
}

TEST_P(SigV4Suite, StringToSignStage) {
  const SuiteCase& c = GetParam();
  std::string scope = CredentialScope("20150830", kSuiteRegion, kSuiteService);
  EXPECT_EQ(StringToSign("20150830T123600Z", scope, c.header_canonical_request), c.header_string_to_sign);
  EXPECT_EQ(StringToSign("20150830T123600Z", scope, c.query_canonical_request), c.query_string_to_sign);
}

TEST_P(SigV4Suite, SignatureStage) {
  const SuiteCase& c = GetParam();
  SigningKey key = DeriveSigningKey(kSuiteSecretKey, "20150830", kSuiteRegion, kSuiteService);
  EXPECT_EQ(Signature(key, c.header_string_to_sign), c.header_signature);
  EXPECT_EQ(Signature(key, c.query_string_to_sign), c.query_signature);
}

TEST_P(SigV4Suite, HeaderSigningEndToEnd) {
  const SuiteCase& c = GetParam();
  SigningTrace trace;
  SigningKeyCache cache;
  SigV4Headers h = SignRequest(RequestOf(c), CredentialsOf(c), ParamsOf(c), &cache, &trace);
  EXPECT_EQ(trace.canonical_request, c.header_canonical_request);
  EXPECT_EQ(trace.string_to_sign, c.header_string_to_sign);
  EXPECT_EQ(trace.signature, c.header_signature);
  EXPECT_EQ(h.authorization,
            AuthorizationHeader(kSuiteAccessKey, "20150830/us-east-1/service/aws4_request",
                                Split(c.header_canonical_request).signed_headers, c.header_signature));
  EXPECT_EQ(h.x_amz_date, "20150830T123600Z");
  EXPECT_EQ(h.x_amz_security_token, c.session_token);
}

TEST_P(SigV4Suite, QueryPresigningEndToEnd) {
  const SuiteCase& c = GetParam();
  SigningTrace trace;
  SigningParams params = ParamsOf(c);
  params.add_content_sha256_header = false;
  std::string query = PresignRequest(RequestOf(c), CredentialsOf(c), params,
                                     std::chrono::seconds{kSuiteExpires}, nullptr, &trace);
  EXPECT_EQ(trace.canonical_request, c.query_canonical_request);
  EXPECT_EQ(trace.string_to_sign, c.query_string_to_sign);
  EXPECT_EQ(trace.signature, c.query_signature);
  EXPECT_EQ(query, Split(c.query_canonical_request).query + "&X-Amz-Signature=" + c.query_signature);
}

INSTANTIATE_TEST_SUITE_P(Published, SigV4Suite, ::testing::ValuesIn(SuiteCases()),
                         [](const ::testing::TestParamInfo<SuiteCase>& info) {
                           std::string name;
                           for (char ch : info.param.name) name += (ch == '-') ? '_' : ch;
                           return name;
                         });

TEST(SigV4SuiteData, HasTheExpectedCases) {
  // Guards against the table silently shrinking.
  EXPECT_EQ(SuiteCases().size(), 37u);
}

}  // namespace
}  // namespace cloud_tasks::auth::aws::testing
