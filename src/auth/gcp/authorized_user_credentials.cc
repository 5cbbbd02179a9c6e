#include "auth/gcp/authorized_user_credentials.h"

#include "auth/gcp/form_encoding.h"
#include "auth/gcp/token_response.h"
#include "core/logging.h"

namespace cloud_tasks::auth::gcp {

Result<std::unique_ptr<AuthorizedUserCredentials>> AuthorizedUserCredentials::Create(
    AuthorizedUserOptions options) {
  if (options.transport == nullptr) return InternalError("AuthorizedUserCredentials needs a transport");
  return std::unique_ptr<AuthorizedUserCredentials>(new AuthorizedUserCredentials(std::move(options)));
}

AuthorizedUserCredentials::AuthorizedUserCredentials(AuthorizedUserOptions options)
    : user_(std::move(options.user)),
      source_(options.source.empty() ? "user credentials file " + user_.path : std::move(options.source)),
      token_uri_(std::move(options.token_uri)),
      transport_(options.transport),
      clock_(options.clock ? std::move(options.clock) : SystemWallClock()) {}

Result<AccessToken> AuthorizedUserCredentials::GetToken() {
  SystemTime now = clock_();
  http::HttpRequest request;
  request.method = "POST";
  request.url = token_uri_;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = FormUrlEncode({{"grant_type", "refresh_token"},
                                {"client_id", user_.client_id},
                                {"client_secret", user_.client_secret},
                                {"refresh_token", user_.refresh_token}});
  request.idempotent = true;
  LogDebug("GCP: refreshing user credentials from {} at {}", user_.path, token_uri_);
  Result<http::HttpResponse> response = transport_->Send(request);
  if (!response.ok()) {
    return response.status().WithContext("cannot reach the token endpoint " + token_uri_ +
                                         " (credentials from " + source_ + ")");
  }
  if (response->status != 200) {
    TokenErrorContext context;
    context.source = source_;
    context.fix_for_rejected =
        "The refresh token in " + user_.path +
        " was revoked or has expired: run `gcloud auth application-default login` again.";
    return TokenEndpointError(*response, token_uri_, context);
  }
  return ParseTokenResponse(*response, now, token_uri_);
}

}  // namespace cloud_tasks::auth::gcp
