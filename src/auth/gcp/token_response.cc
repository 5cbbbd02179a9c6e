#include "auth/gcp/token_response.h"

#include <chrono>
#include <cstdint>

#include "core/json.h"
#include "http/api_error.h"

namespace cloud_tasks::auth::gcp {
namespace {

constexpr std::int64_t kDefaultLifetimeSeconds = 3600;

// expires_in is a number per RFC 6749, but some servers send a numeric string (google-auth
// accepts both too).
Result<std::int64_t> ExpiresIn(const Json& body, const std::string& endpoint) {
  auto it = body.find("expires_in");
  if (it == body.end() || it->is_null()) return kDefaultLifetimeSeconds;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_number()) return static_cast<std::int64_t>(it->get<double>());
  if (it->is_string()) {
    const std::string& s = it->get_ref<const std::string&>();
    try {
      size_t used = 0;
      long long v = std::stoll(s, &used);
      if (used == s.size()) return static_cast<std::int64_t>(v);
    } catch (const std::exception&) {
    }
  }
  return UnavailableError("token answer from " + endpoint + " has an unreadable \"expires_in\"");
}

}  // namespace

Result<AccessToken> ParseTokenResponse(const http::HttpResponse& response, SystemTime now,
                                       const std::string& endpoint) {
  Json body = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) {
    return UnavailableError("token answer from " + endpoint + " (HTTP " + std::to_string(response.status) +
                            ") is not a JSON object");
  }
  auto token = body.find("access_token");
  if (token == body.end() || !token->is_string() || token->get_ref<const std::string&>().empty()) {
    return UnavailableError("token answer from " + endpoint + " has no \"access_token\"");
  }
  CT_ASSIGN_OR_RETURN(std::int64_t expires_in, ExpiresIn(body, endpoint));
  AccessToken result;
  result.value = token->get<std::string>();
  if (auto type = body.find("token_type"); type != body.end() && type->is_string() && !type->empty()) {
    result.type = type->get<std::string>();
  }
  result.expiry = now + std::chrono::seconds(expires_in);
  return result;
}

bool IsClockSkewAnswer(const std::string& error_description) {
  return error_description.find("short-lived token") != std::string::npos ||
         error_description.find("iat and exp") != std::string::npos ||
         error_description.find("reasonable timeframe") != std::string::npos;
}

Status TokenEndpointError(const http::HttpResponse& response, const std::string& endpoint,
                          const TokenErrorContext& context) {
  http::ApiError error = http::ParseGoogleError(response);
  std::string what = error.provider_code.empty() ? error.message : error.provider_code + ": " + error.message;
  if (what.empty()) what = "token request refused";
  std::string message = what + " (HTTP " + std::to_string(response.status) + ") from " + endpoint +
                        "; credentials from " + context.source + ".";
  ErrorCode code = ErrorCode::kPermissionDenied;
  if (response.status == 429 || response.status == 408 || response.status >= 500) {
    code = ErrorCode::kUnavailable;
    message += " The token endpoint is busy or failing; try again later.";
  } else if (IsClockSkewAnswer(error.message)) {
    message +=
        " Check the system clock: it must be within a few minutes of the real time (the token "
        "request is dated by it); fix it (e.g. enable NTP) and try again.";
  } else if (error.provider_code == "invalid_grant" || error.provider_code == "invalid_client" ||
             error.provider_code == "unauthorized_client" || response.status == 401 ||
             response.status == 403) {
    if (!context.fix_for_rejected.empty()) message += " " + context.fix_for_rejected;
  }
  return Status(code, message);
}

}  // namespace cloud_tasks::auth::gcp
