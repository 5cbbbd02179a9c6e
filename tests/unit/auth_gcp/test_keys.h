#pragma once
// Test fixtures for the GCP auth tests: a private temp dir, RSA keys generated with the
// openssl tool, and credential files written from them.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>

#include "core/json.h"
#include "support/run_process.h"

namespace cloud_tasks::auth::gcp::testing {

inline constexpr const char* kOpenssl = "/usr/bin/openssl";
inline constexpr const char* kPython = "/usr/bin/python3";

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteAll(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ct_gcp_XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : "";
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct RsaKeyPair {
  std::string private_pem;  // PKCS#8, like Google key files
  std::string public_pem;
};

// Generates a 2048-bit key in `dir` with `openssl genpkey`; fails the test on error.
inline RsaKeyPair GenerateRsaKey(const std::string& dir, const std::string& name = "key") {
  std::string priv = dir + "/" + name + ".pem", pub = dir + "/" + name + ".pub.pem";
  cloud_tasks::testing::ProcessResult gen = cloud_tasks::testing::RunProcess(
      {kOpenssl, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", priv});
  EXPECT_EQ(gen.exit_code, 0) << gen.err;
  cloud_tasks::testing::ProcessResult out =
      cloud_tasks::testing::RunProcess({kOpenssl, "pkey", "-in", priv, "-pubout", "-out", pub});
  EXPECT_EQ(out.exit_code, 0) << out.err;
  return {ReadAll(priv), ReadAll(pub)};
}

// One key per test binary (key generation takes a while), in its own temp dir.
inline const RsaKeyPair& SharedKey() {
  static TempDir* dir = new TempDir();
  static RsaKeyPair key = GenerateRsaKey(dir->path(), "shared");
  return key;
}

inline Json ServiceAccountJson(const std::string& private_pem, const std::string& token_uri,
                               const std::string& project = "proj-from-key") {
  Json j = Json::object();
  j["type"] = "service_account";
  j["project_id"] = project;
  j["private_key_id"] = "0123456789abcdef0123456789abcdef01234567";
  j["private_key"] = private_pem;
  j["client_email"] = "runner@proj-from-key.iam.gserviceaccount.com";
  j["client_id"] = "123456789012345678901";
  j["auth_uri"] = "https://accounts.google.com/o/oauth2/auth";
  if (!token_uri.empty()) j["token_uri"] = token_uri;
  j["auth_provider_x509_cert_url"] = "https://www.googleapis.com/oauth2/v1/certs";
  j["universe_domain"] = "googleapis.com";
  return j;
}

inline constexpr const char* kClientSecret = "d-FL95Q19q7MQmFpd7hHD0Ty";
inline constexpr const char* kRefreshToken = "1//0gSECRET-refresh-token-value-xyz";

inline Json AuthorizedUserJson() {
  Json j = Json::object();
  j["account"] = "";
  j["client_id"] = "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com";
  j["client_secret"] = kClientSecret;
  j["quota_project_id"] = "quota-proj";
  j["refresh_token"] = kRefreshToken;
  j["type"] = "authorized_user";
  j["universe_domain"] = "googleapis.com";
  return j;
}

}  // namespace cloud_tasks::auth::gcp::testing
