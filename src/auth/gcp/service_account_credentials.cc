#include "auth/gcp/service_account_credentials.h"

#include <algorithm>
#include <chrono>

#include "auth/gcp/form_encoding.h"
#include "auth/gcp/jwt.h"
#include "auth/gcp/scopes.h"
#include "auth/gcp/token_response.h"
#include "core/logging.h"
#include "core/strings.h"

namespace cloud_tasks::auth::gcp {
namespace {

constexpr std::int64_t kAssertionLifetimeSeconds = 3600;  // google-auth _DEFAULT_TOKEN_LIFETIME_SECS
constexpr char kJwtBearerGrant[] = "urn:ietf:params:oauth:grant-type:jwt-bearer";

std::int64_t EpochSeconds(SystemTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

Result<std::unique_ptr<ServiceAccountCredentials>> ServiceAccountCredentials::Create(
    ServiceAccountOptions options) {
  if (options.transport == nullptr) return InternalError("ServiceAccountCredentials needs a transport");
  Result<RsaSha256Signer> signer = RsaSha256Signer::FromPem(options.key.private_key);
  if (!signer.ok()) {
    return InvalidArgumentError(
        "the \"private_key\" of service-account key file '" + options.key.path + "' is " +
        signer.status().message() +
        "; download a new key (gcloud iam service-accounts keys create) and use that file");
  }
  return std::unique_ptr<ServiceAccountCredentials>(
      new ServiceAccountCredentials(std::move(options), std::move(signer).value()));
}

ServiceAccountCredentials::ServiceAccountCredentials(ServiceAccountOptions options, RsaSha256Signer signer)
    : key_(std::move(options.key)),
      source_(options.source.empty() ? "service-account key file " + key_.path : std::move(options.source)),
      named_by_(std::move(options.named_by)),
      scope_(Join(options.scopes.empty() ? DefaultScopes() : options.scopes, " ")),
      transport_(options.transport),
      clock_(options.clock ? std::move(options.clock) : SystemWallClock()),
      signer_(std::move(signer)) {
  // The signer holds the key now; the PEM text is not kept around in a second place.
  std::fill(key_.private_key.begin(), key_.private_key.end(), '\0');
  key_.private_key.clear();
}

Result<std::string> ServiceAccountCredentials::MakeAssertion(SystemTime now) const {
  JwtClaims claims;
  claims.issuer = key_.client_email;
  claims.scope = scope_;
  claims.audience = key_.token_uri;
  claims.issued_at = EpochSeconds(now);
  claims.expires_at = claims.issued_at + kAssertionLifetimeSeconds;
  return MakeSignedJwt(signer_, key_.private_key_id, claims);
}

Result<AccessToken> ServiceAccountCredentials::GetToken() {
  SystemTime now = clock_();
  CT_ASSIGN_OR_RETURN(std::string assertion, MakeAssertion(now));
  http::HttpRequest request;
  request.method = "POST";
  request.url = key_.token_uri;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  request.body = FormUrlEncode({{"grant_type", kJwtBearerGrant}, {"assertion", assertion}});
  request.idempotent = true;
  LogDebug("GCP: exchanging a JWT of {} for an access token at {}", key_.client_email, key_.token_uri);
  Result<http::HttpResponse> response = transport_->Send(request);
  if (!response.ok()) {
    return response.status().WithContext("cannot reach the token endpoint " + key_.token_uri +
                                         " (credentials from " + source_ + ")");
  }
  if (response->status != 200) {
    std::string by = named_by_.empty() ? "" : " and point " + named_by_ + " at it";
    TokenErrorContext context;
    context.source = source_;
    context.fix_for_rejected =
        "The key (id " + (key_.private_key_id.empty() ? "unknown" : key_.private_key_id) + ") of " +
        key_.client_email + " in " + key_.path +
        " was deleted, disabled or revoked, or the account no longer exists: create a new "
        "key (gcloud iam service-accounts keys create)" +
        by + ".";
    return TokenEndpointError(*response, key_.token_uri, context);
  }
  return ParseTokenResponse(*response, now, key_.token_uri);
}

}  // namespace cloud_tasks::auth::gcp
