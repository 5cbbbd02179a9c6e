#pragma once
/// STS GetCallerIdentity (query protocol, version 2011-06-15): who the credentials belong
/// to. Needs no permission, changes nothing: the one harmless call that proves AWS
/// credentials (`cloud_tasks check_credentials`).

#include <chrono>
#include <string>

#include "auth/aws/credentials.h"
#include "core/status.h"
#include "http/http.h"

namespace cloud_tasks::auth::aws {

struct CallerIdentity {
  std::string account;  ///< "123456789012"
  std::string arn;      ///< "arn:aws:iam::123456789012:user/alice"
  std::string user_id;  ///< "AIDA..." or "AROA...:session"
  std::string request_id;
};

struct CallerIdentityRequest {
  std::string endpoint_url;  ///< ResolveEndpoint({"STS", region, ...})
  std::string region;        ///< signing region; the global endpoint signs for us-east-1
  std::chrono::sys_seconds now{};
};

/// Sends the signed call. Errors: the transport's, or the service's refusal as
/// http::ToStatus gives it ("InvalidClientTokenId: The security token included in the
/// request is invalid. (HTTP 403, request id ...)"); an answer without <Account> is
/// kInternal naming the endpoint.
Result<CallerIdentity> GetCallerIdentity(http::HttpTransport& transport, const CallerIdentityRequest& request,
                                         const Credentials& credentials);

/// Parses a GetCallerIdentityResponse body.
Result<CallerIdentity> ParseCallerIdentity(const std::string& xml);

}  // namespace cloud_tasks::auth::aws
