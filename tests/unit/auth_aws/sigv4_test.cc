#include "auth/aws/sigv4.h"

#include <gtest/gtest.h>

#include <chrono>

#include "auth/aws/canonical.h"

namespace cloud_tasks::auth::aws {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

constexpr std::string_view kEmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

SigningParams Params(std::string service, bool content_header = false) {
  return SigningParams{.service = std::move(service),
                       .region = "us-east-1",
                       .time = sys_days{std::chrono::year{2015} / 8 / 30} + 12h + 36min,
                       .path_mode = UriPathMode::kAuto,
                       .add_content_sha256_header = content_header};
}

Credentials Creds(std::string token = "") {
  return Credentials{.access_key_id = "AKIDEXAMPLE",
                     .secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                     .session_token = std::move(token)};
}

SigningRequest Vanilla() {
  SigningRequest r;
  r.host = "example.amazonaws.com";
  return r;
}

TEST(AmzDate, FormatsUtcSeconds) {
  EXPECT_EQ(AmzDate(std::chrono::sys_seconds{}), "19700101T000000Z");
  EXPECT_EQ(AmzDate(std::chrono::sys_seconds{1440938160s}), "20150830T123600Z");
  EXPECT_EQ(AmzDate(sys_days{std::chrono::year{2024} / 2 / 29} + 23h + 59min + 59s), "20240229T235959Z");
}

TEST(CredentialScope, DateRegionServiceTerminator) {
  EXPECT_EQ(CredentialScope("20150830", "us-east-1", "service"), "20150830/us-east-1/service/aws4_request");
}

TEST(StringToSign, PublishedGetVanilla) {
  std::string creq =
      CanonicalRequest("GET", "/", "", "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n",
                       "host;x-amz-date", kEmptyHash);
  EXPECT_EQ(StringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request", creq),
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
}

TEST(Signature, PublishedGetVanilla) {
  SigningKey key =
      DeriveSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "service");
  EXPECT_EQ(Signature(key,
                      "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                      "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"),
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(AuthorizationHeader, Format) {
  EXPECT_EQ(AuthorizationHeader("AKID", "20150830/us-east-1/service/aws4_request", "host;x-amz-date", "abc"),
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, Signature=abc");
}

TEST(SignRequest, GetVanillaEndToEnd) {
  SigningKeyCache cache;
  SigningTrace trace;
  SigV4Headers h = SignRequest(Vanilla(), Creds(), Params("service"), &cache, &trace);
  EXPECT_EQ(h.x_amz_date, "20150830T123600Z");
  EXPECT_EQ(h.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  EXPECT_TRUE(h.x_amz_security_token.empty());
  EXPECT_TRUE(h.x_amz_content_sha256.empty());
  // Same answer without a cache and from a warm cache.
  EXPECT_EQ(SignRequest(Vanilla(), Creds(), Params("service")).authorization, h.authorization);
  EXPECT_EQ(SignRequest(Vanilla(), Creds(), Params("service"), &cache).authorization, h.authorization);
  EXPECT_EQ(cache.hits(), 1u);
}

TEST(SignRequest, TraceHoldsNoSecret) {
  SigningTrace trace;
  SignRequest(Vanilla(), Creds("TOKENVALUE"), Params("sqs"), nullptr, &trace);
  for (const std::string* s : {&trace.canonical_request, &trace.string_to_sign, &trace.signed_headers}) {
    EXPECT_EQ(s->find("wJalrXUtnFEMI"), std::string::npos);
  }
}

TEST(SignRequest, SessionTokenIsSentAndSigned) {
  SigningTrace trace;
  SigV4Headers h = SignRequest(Vanilla(), Creds("TOKEN"), Params("sts"), nullptr, &trace);
  EXPECT_EQ(h.x_amz_security_token, "TOKEN");
  EXPECT_EQ(trace.signed_headers, "host;x-amz-date;x-amz-security-token");
  EXPECT_NE(trace.canonical_request.find("\nx-amz-security-token:TOKEN\n"), std::string::npos);
}

TEST(SignRequest, StaleSignerHeadersAreReplacedNotSignedTwice) {
  SigningRequest r = Vanilla();
  r.headers = {{"X-Amz-Date", "19990101T000000Z"}, {"Authorization", "old"}, {"x-amz-security-token", "old"}};
  SigningTrace trace;
  SignRequest(r, Creds("NEW"), Params("sqs"), nullptr, &trace);
  EXPECT_EQ(trace.signed_headers, "host;x-amz-date;x-amz-security-token");
  EXPECT_EQ(trace.canonical_request.find("19990101"), std::string::npos);
  EXPECT_EQ(trace.canonical_request.find(":old"), std::string::npos);
}

TEST(SignRequest, UnsignableHeadersAreLeftOut) {
  SigningRequest r = Vanilla();
  r.headers = {
      {"User-Agent", "x"}, {"Expect", "100-continue"}, {"X-Amzn-Trace-Id", "t"}, {"X-Amz-Target", "a"}};
  SigningTrace trace;
  SignRequest(r, Creds(), Params("sqs"), nullptr, &trace);
  EXPECT_EQ(trace.signed_headers, "host;x-amz-date;x-amz-target");
}

TEST(SignRequest, HostFromEndpointLowerCasedWithNonDefaultPort) {
  SigningRequest r = Vanilla();
  r.host = "Example.AmazonAWS.com";
  r.port = 443;
  SigningTrace trace;
  SignRequest(r, Creds(), Params("sqs"), nullptr, &trace);
  EXPECT_NE(trace.canonical_request.find("\nhost:example.amazonaws.com\n"), std::string::npos);
  r.port = 8443;
  SignRequest(r, Creds(), Params("sqs"), nullptr, &trace);
  EXPECT_NE(trace.canonical_request.find("\nhost:example.amazonaws.com:8443\n"), std::string::npos);
  r.scheme = "http";
  r.port = 80;
  SignRequest(r, Creds(), Params("sqs"), nullptr, &trace);
  EXPECT_NE(trace.canonical_request.find("\nhost:example.amazonaws.com\n"), std::string::npos);
}

TEST(SignRequest, PayloadHashPrecedence) {
  SigningRequest r = Vanilla();
  r.body = "Param1=value1";
  SigningTrace trace;
  SignRequest(r, Creds(), Params("sqs"), nullptr, &trace);
  EXPECT_TRUE(trace.canonical_request.ends_with(
      "\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"));
  r.payload_hash = std::string(kUnsignedPayload);
  SignRequest(r, Creds(), Params("sqs"), nullptr, &trace);
  EXPECT_TRUE(trace.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
  r.headers = {{"x-amz-content-sha256", "abc123"}};  // botocore: a given header is the hash
  SignRequest(r, Creds(), Params("sqs"), nullptr, &trace);
  EXPECT_TRUE(trace.canonical_request.ends_with("\nabc123"));
  EXPECT_EQ(trace.signed_headers, "host;x-amz-content-sha256;x-amz-date");
}

TEST(SignRequest, ContentSha256HeaderAddedWhenAsked) {
  SigningRequest r = Vanilla();
  r.path = "/bucket/key";
  r.headers = {{"X-Amz-Content-SHA256", "stale"}};
  SigningTrace trace;
  SigV4Headers h = SignRequest(r, Creds(), Params("s3", true), nullptr, &trace);
  EXPECT_EQ(h.x_amz_content_sha256, kEmptyHash);
  EXPECT_EQ(trace.signed_headers, "host;x-amz-content-sha256;x-amz-date");
  EXPECT_EQ(trace.canonical_request.find("stale"), std::string::npos);
}

TEST(SignRequest, MethodIsUpperCased) {
  SigningRequest r = Vanilla();
  r.method = "post";
  SigningTrace trace;
  SignRequest(r, Creds(), Params("sqs"), nullptr, &trace);
  EXPECT_TRUE(trace.canonical_request.starts_with("POST\n"));
}

TEST(SigV4Headers, ApplyToReplacesCaseInsensitively) {
  SigV4Headers h{
      .x_amz_date = "D", .x_amz_security_token = "", .x_amz_content_sha256 = "C", .authorization = "A"};
  std::vector<Header> headers = {{"authorization", "old"}, {"X-AMZ-DATE", "old"}, {"Host", "h"}};
  h.ApplyTo(headers);
  ASSERT_EQ(headers.size(), 4u);
  EXPECT_EQ(headers[0].name, "Host");
  EXPECT_EQ(headers[1].name, "X-Amz-Date");
  EXPECT_EQ(headers[1].value, "D");
  EXPECT_EQ(headers[2].name, "X-Amz-Content-SHA256");
  EXPECT_EQ(headers[3].name, "Authorization");
  EXPECT_EQ(headers[3].value, "A");
}

TEST(PresignRequest, GetVanillaQueryIsCanonicalThenSignature) {
  SigningTrace trace;
  std::string query = PresignRequest(Vanilla(), Creds(), Params("service"), 3600s, nullptr, &trace);
  EXPECT_EQ(
      query,
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fservice%2F"
      "aws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
      "&X-Amz-Signature=e93c787ed7f371d5c6b165c1b38ede9550f4dce4144713e844b25b7192d3865d");
}

TEST(PresignRequest, TokenGoesInQueryNotHeaders) {
  SigningTrace trace;
  std::string query = PresignRequest(Vanilla(), Creds("a/b+c="), Params("sqs"), 60s, nullptr, &trace);
  EXPECT_NE(query.find("&X-Amz-Security-Token=a%2Fb%2Bc%3D&"), std::string::npos);
  EXPECT_EQ(trace.signed_headers, "host");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
