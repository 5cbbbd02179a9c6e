#pragma once
// One case of the published AWS SigV4 test suite (see suite_vectors.h for the data and its
// origin): the request, its context, and the expected outputs of header signing and of query
// presigning.

#include <string>
#include <utility>
#include <vector>

namespace cloud_tasks::auth::aws::testing {

inline constexpr const char* kSuiteAccessKey = "AKIDEXAMPLE";
inline constexpr const char* kSuiteSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
inline constexpr const char* kSuiteRegion = "us-east-1";
inline constexpr const char* kSuiteService = "service";
inline constexpr long long kSuiteTime = 1440938160;  // 2015-08-30T12:36:00Z
inline constexpr long long kSuiteExpires = 3600;

struct SuiteCase {
  std::string name;
  std::string method;
  std::string path;                                        // as in request.txt (raw)
  std::vector<std::pair<std::string, std::string>> query;  // decoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string session_token;
  bool normalize = true;
  bool sign_body = false;  // adds a signed X-Amz-Content-SHA256 header (header signing)
  std::string header_canonical_request;
  std::string header_string_to_sign;
  std::string header_signature;
  std::string query_canonical_request;
  std::string query_string_to_sign;
  std::string query_signature;
};

}  // namespace cloud_tasks::auth::aws::testing
