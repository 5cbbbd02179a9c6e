// RS256 JWTs: signed by ours, verified by PyJWT (the reference) with the generated key's
// public half, for several generated claim sets and keys. PyJWT is a required test
// dependency (scripts/setup.sh installs python3-jwt): when it is missing this test fails.

#include "auth/gcp/jwt.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "auth/gcp/base64url.h"
#include "auth/gcp/rsa_signer.h"
#include "core/json.h"
#include "support/run_process.h"
#include "unit/auth_gcp/test_keys.h"

namespace cloud_tasks::auth::gcp {
namespace {

using testing::GenerateRsaKey;
using testing::kPython;
using testing::TempDir;

std::string VerifierPath() { return std::string(CT_SOURCE_DIR) + "/tests/support/pyjwt_verify.py"; }

struct Case {
  JwtClaims claims;
  std::string key_id;
  int key = 0;
};

std::vector<Case> GenerateCases(size_t n, int keys) {
  std::mt19937_64 rng(20261128);
  const std::vector<std::string> scopes = {
      "https://www.googleapis.com/auth/cloud-platform",
      "https://www.googleapis.com/auth/pubsub https://www.googleapis.com/auth/compute", "",
      "https://www.googleapis.com/auth/devstorage.read_only https://www.googleapis.com/auth/logging.write "
      "https://www.googleapis.com/auth/monitoring"};
  const std::vector<std::string> emails = {"runner@p.iam.gserviceaccount.com",
                                           "a-b.c_d@x-1.iam.gserviceaccount.com", "ünïcödé@example.com",
                                           "quote\"back\\slash@e.com"};
  std::vector<Case> cases;
  for (size_t i = 0; i < n; ++i) {
    Case c;
    c.claims.issuer = emails[rng() % emails.size()];
    c.claims.scope = scopes[rng() % scopes.size()];
    c.claims.audience = i % 2 ? "https://oauth2.googleapis.com/token"
                              : "http://127.0.0.1:" + std::to_string(1024 + rng() % 60000) + "/token";
    c.claims.issued_at = 1'600'000'000 + static_cast<std::int64_t>(rng() % 400'000'000);
    c.claims.expires_at = c.claims.issued_at + 3600;
    if (i % 5 == 0) c.claims.subject = "user@example.com";
    c.key_id = i % 7 == 0 ? "" : std::to_string(rng());
    c.key = static_cast<int>(i % static_cast<size_t>(keys));
    cases.push_back(c);
  }
  return cases;
}

TEST(Jwt, HasTheHeaderAndClaimsGoogleExpects) {
  const auto& key = testing::SharedKey();
  Result<RsaSha256Signer> signer = RsaSha256Signer::FromPem(key.private_pem);
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ(signer->bits(), 2048);
  JwtClaims claims;
  claims.issuer = "runner@p.iam.gserviceaccount.com";
  claims.scope = "https://www.googleapis.com/auth/cloud-platform";
  claims.audience = "https://oauth2.googleapis.com/token";
  claims.issued_at = 1764300000;
  claims.expires_at = 1764303600;
  Result<std::string> jwt = MakeSignedJwt(*signer, "kid123", claims);
  ASSERT_TRUE(jwt.ok());
  std::vector<std::string> parts;
  std::stringstream in(*jwt);
  for (std::string p; std::getline(in, p, '.');) parts.push_back(p);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(*Base64UrlDecode(parts[0]), R"({"alg":"RS256","typ":"JWT","kid":"kid123"})");
  EXPECT_EQ(
      *Base64UrlDecode(parts[1]),
      R"({"iss":"runner@p.iam.gserviceaccount.com","scope":"https://www.googleapis.com/auth/cloud-platform",)"
      R"("aud":"https://oauth2.googleapis.com/token","iat":1764300000,"exp":1764303600})");
  EXPECT_EQ(Base64UrlDecode(parts[2])->size(), 256u);
  for (const auto& p : parts) EXPECT_EQ(p.find_first_of("+/="), std::string::npos) << p;
}

TEST(Jwt, GeneratedClaimSetsVerifyWithPyJwt) {
  cloud_tasks::testing::ProcessResult probe = cloud_tasks::testing::RunProcess({kPython, "-c", "import jwt"});
  ASSERT_EQ(probe.exit_code, 0) << kPython << " cannot import PyJWT (" << probe.err
                                << "): run scripts/setup.sh, which installs the Debian package python3-jwt. "
                                   "This test requires it and does not skip.";
  TempDir dir;
  constexpr int kKeys = 3;
  std::vector<testing::RsaKeyPair> keys;
  std::vector<RsaSha256Signer> signers;
  for (int k = 0; k < kKeys; ++k) {
    keys.push_back(GenerateRsaKey(dir.path(), "k" + std::to_string(k)));
    Result<RsaSha256Signer> s = RsaSha256Signer::FromPem(keys.back().private_pem);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    signers.push_back(*s);
  }
  std::vector<Case> cases = GenerateCases(60, kKeys);
  Json input = Json::array();
  for (const Case& c : cases) {
    Result<std::string> jwt = MakeSignedJwt(signers[c.key], c.key_id, c.claims);
    ASSERT_TRUE(jwt.ok());
    Json item = Json::object();
    item["token"] = *jwt;
    item["public_key_pem"] = keys[c.key].public_pem;
    item["audience"] = c.claims.audience;
    input.push_back(item);
  }
  // One forged case: signed by key 0, verified with key 1's public key, must be refused.
  Json forged = input[0];
  forged["public_key_pem"] = keys[1].public_pem;
  input.push_back(forged);
  testing::WriteAll(dir.File("cases.json"), input.dump());

  cloud_tasks::testing::ProcessResult r =
      cloud_tasks::testing::RunProcess({kPython, VerifierPath(), dir.File("cases.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines;
  std::stringstream out(r.out);
  for (std::string line; std::getline(out, line);) lines.push_back(Json::parse(line));
  ASSERT_EQ(lines.size(), cases.size() + 1);
  for (size_t i = 0; i < cases.size(); ++i) {
    const Json& got = lines[i];
    const JwtClaims& want = cases[i].claims;
    ASSERT_TRUE(got["ok"].get<bool>()) << "case " << i << ": " << got.dump();
    EXPECT_EQ(got["header"]["alg"], "RS256");
    EXPECT_EQ(got["header"]["typ"], "JWT");
    if (cases[i].key_id.empty()) {
      EXPECT_FALSE(got["header"].contains("kid"));
    } else {
      EXPECT_EQ(got["header"]["kid"], cases[i].key_id);
    }
    const Json& claims = got["claims"];
    EXPECT_EQ(claims["iss"], want.issuer) << i;
    EXPECT_EQ(claims["scope"], want.scope) << i;
    EXPECT_EQ(claims["aud"], want.audience) << i;
    EXPECT_EQ(claims["iat"].get<std::int64_t>(), want.issued_at) << i;
    EXPECT_EQ(claims["exp"].get<std::int64_t>(), want.expires_at) << i;
    if (want.subject.empty()) {
      EXPECT_FALSE(claims.contains("sub")) << i;
    } else {
      EXPECT_EQ(claims["sub"], want.subject) << i;
    }
  }
  EXPECT_FALSE(lines.back()["ok"].get<bool>()) << "a JWT verified with the wrong public key";
  EXPECT_NE(lines.back()["error"].get<std::string>().find("InvalidSignatureError"), std::string::npos)
      << lines.back().dump();
}

TEST(RsaSigner, RefusesWhatIsNotAnRsaPrivateKey) {
  TempDir dir;
  Result<RsaSha256Signer> garbage =
      RsaSha256Signer::FromPem("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(garbage.status().message(), "not a readable PEM private key");
  EXPECT_FALSE(RsaSha256Signer::FromPem("").ok());
  EXPECT_FALSE(RsaSha256Signer::FromPem(testing::SharedKey().public_pem).ok()) << "a public key cannot sign";

  std::string ec = dir.File("ec.pem");
  ASSERT_EQ(cloud_tasks::testing::RunProcess({testing::kOpenssl, "genpkey", "-algorithm", "EC", "-pkeyopt",
                                              "ec_paramgen_curve:P-256", "-out", ec})
                .exit_code,
            0);
  Result<RsaSha256Signer> ec_key = RsaSha256Signer::FromPem(testing::ReadAll(ec));
  ASSERT_FALSE(ec_key.ok());
  EXPECT_EQ(ec_key.status().message(), "not an RSA key (RS256 needs one)");
}

TEST(RsaSigner, ReadsPkcs1KeysToo) {
  TempDir dir;
  testing::WriteAll(dir.File("pkcs8.pem"), testing::SharedKey().private_pem);
  ASSERT_EQ(cloud_tasks::testing::RunProcess({testing::kOpenssl, "pkey", "-in", dir.File("pkcs8.pem"),
                                              "-traditional", "-out", dir.File("pkcs1.pem")})
                .exit_code,
            0);
  std::string pkcs1 = testing::ReadAll(dir.File("pkcs1.pem"));
  ASSERT_NE(pkcs1.find("BEGIN RSA PRIVATE KEY"), std::string::npos);
  Result<RsaSha256Signer> a = RsaSha256Signer::FromPem(pkcs1);
  Result<RsaSha256Signer> b = RsaSha256Signer::FromPem(testing::SharedKey().private_pem);
  ASSERT_TRUE(a.ok() && b.ok());
  // PKCS#1 v1.5 signatures are deterministic: same key, same data, same bytes.
  EXPECT_EQ(*a->Sign("data"), *b->Sign("data"));
  EXPECT_NE(*a->Sign("data"), *a->Sign("date"));
}

}  // namespace
}  // namespace cloud_tasks::auth::gcp
