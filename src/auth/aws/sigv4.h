#pragma once
/// AWS Signature Version 4 (AWS4-HMAC-SHA256): the last stages (string to sign, signature,
/// Authorization header) and the two entry points, header signing and query presigning.
/// Everything is a pure function of its arguments: the time is passed in, never read. The
/// functions are thread-safe (scratch buffers are per thread); a SigningKeyCache is not.
/// Behaviour follows botocore's SigV4Auth / SigV4QueryAuth (S3SigV4Auth for service "s3"
/// path handling); differences are listed in docs of the fields below.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "auth/aws/credentials.h"
#include "auth/aws/signing_key.h"
#include "auth/aws/signing_request.h"
#include "auth/aws/uri_encoding.h"

namespace cloud_tasks::auth::aws {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

/// "yyyymmddThhmmssZ" (UTC), e.g. "20150830T123600Z".
std::string AmzDate(std::chrono::sys_seconds time);

/// "yyyymmdd/region/service/aws4_request"; `date` is "yyyymmdd" (the first 8 chars of the
/// amz date).
std::string CredentialScope(std::string_view date, std::string_view region, std::string_view service);

/// "AWS4-HMAC-SHA256\n" amz_date "\n" scope "\n" hex(SHA-256(canonical_request)).
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

/// Lower-case hex HMAC-SHA256(signing_key, string_to_sign).
std::string Signature(const SigningKey& signing_key, std::string_view string_to_sign);

/// "AWS4-HMAC-SHA256 Credential=<akid>/<scope>, SignedHeaders=<list>, Signature=<hex>".
std::string AuthorizationHeader(std::string_view access_key_id, std::string_view scope,
                                std::string_view signed_headers, std::string_view signature);

struct SigningParams {
  std::string service;  ///< signing name: "sqs", "ec2", "sts", "s3", ...
  std::string region;   ///< "us-east-1"
  std::chrono::sys_seconds time{};
  UriPathMode path_mode = UriPathMode::kAuto;
  /// Send and sign X-Amz-Content-SHA256 with the payload hash (S3 requires it; botocore adds
  /// it for S3 and for unsigned payloads).
  bool add_content_sha256_header = false;
};

/// The headers header-signing adds to the request. Empty strings are headers not to add.
struct SigV4Headers {
  std::string x_amz_date;
  std::string x_amz_security_token;
  std::string x_amz_content_sha256;
  std::string authorization;

  /// Sets these on `headers`, replacing any header of the same name (case-insensitive).
  void ApplyTo(std::vector<Header>& headers) const;
};

/// What the signer computed on the way, for tests and debugging. Holds no secret.
struct SigningTrace {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;
  std::string signature;
};

/// Header signing. Signed: every request header (names lower-cased) except Authorization,
/// User-Agent, Expect and X-Amzn-Trace-Id (never signed, as in botocore), plus Host (derived
/// when absent), X-Amz-Date, X-Amz-Security-Token with a session token, and
/// X-Amz-Content-SHA256 when asked. Any X-Amz-Date, and with a session token any
/// X-Amz-Security-Token, already in `request.headers` is replaced, not signed twice.
/// `cache` may be null (the key is then derived on every call).
SigV4Headers SignRequest(const SigningRequest& request, const Credentials& credentials,
                         const SigningParams& params, SigningKeyCache* cache = nullptr,
                         SigningTrace* trace = nullptr);

/// Query-string presigning (a URL usable without headers for `expires`). Returns the complete
/// query string to send: the request's parameters and X-Amz-Algorithm, X-Amz-Credential,
/// X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, [X-Amz-Security-Token], all encoded and in
/// canonical order, then "&X-Amz-Signature=<hex>". Signed headers: the request's headers (as
/// above, but no X-Amz-Date, token or content header) plus Host. The payload hash is as for
/// SignRequest: set request.payload_hash = kUnsignedPayload for S3 presigned URLs.
std::string PresignRequest(const SigningRequest& request, const Credentials& credentials,
                           const SigningParams& params, std::chrono::seconds expires,
                           SigningKeyCache* cache = nullptr, SigningTrace* trace = nullptr);

}  // namespace cloud_tasks::auth::aws
