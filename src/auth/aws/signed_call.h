#pragma once
/// One signed AWS API call as an http::HttpRequest: the endpoint URL split for the signer,
/// SigV4 header signing, and the signed headers copied onto the request. What every AWS
/// client (STS here, SQS and EC2 later) builds its calls with.

#include <chrono>
#include <string>
#include <vector>

#include "auth/aws/credentials.h"
#include "auth/aws/signing_key.h"
#include "auth/aws/signing_request.h"
#include "core/status.h"
#include "http/http.h"

namespace cloud_tasks::auth::aws {

struct AwsCall {
  std::string endpoint_url;  ///< "https://sts.us-east-1.amazonaws.com" or an emulator's URL
  std::string method = "POST";
  std::string path;                ///< appended to the endpoint's path; "" = the endpoint's own
  std::vector<QueryParam> query;   ///< raw, encoded here
  std::vector<Header> headers;     ///< Content-Type and the like; signed
  std::string body;
  std::string service;  ///< signing name: "sts", "sqs", "ec2"
  std::string region;   ///< signing region
  bool idempotent = false;  ///< passed to the retry decorator (HttpRequest::idempotent)
  std::string rate_bucket;
};

/// The request ready to send, signed at `now`. `cache` may be null. Errors: an invalid
/// endpoint URL (InvalidArgument naming it).
Result<http::HttpRequest> SignCall(const AwsCall& call, const Credentials& credentials,
                                   std::chrono::sys_seconds now, SigningKeyCache* cache = nullptr);

/// "Action=GetCallerIdentity&Version=2011-06-15": a query-protocol form body, each name
/// and value percent-encoded as botocore's query serializer does.
std::string FormBody(const std::vector<QueryParam>& params);

}  // namespace cloud_tasks::auth::aws
