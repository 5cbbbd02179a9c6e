#include "auth/gcp/jwt.h"

#include "auth/gcp/base64url.h"
#include "core/json.h"

namespace cloud_tasks::auth::gcp {

Result<std::string> MakeSignedJwt(const RsaSha256Signer& signer, std::string_view key_id,
                                  const JwtClaims& claims) {
  Json header = Json::object();
  header["alg"] = "RS256";
  header["typ"] = "JWT";
  if (!key_id.empty()) header["kid"] = std::string(key_id);

  Json payload = Json::object();
  payload["iss"] = claims.issuer;
  payload["scope"] = claims.scope;
  payload["aud"] = claims.audience;
  payload["iat"] = claims.issued_at;
  payload["exp"] = claims.expires_at;
  if (!claims.subject.empty()) payload["sub"] = claims.subject;

  std::string signing_input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload.dump());
  CT_ASSIGN_OR_RETURN(std::string signature, signer.Sign(signing_input));
  return signing_input + "." + Base64UrlEncode(signature);
}

}  // namespace cloud_tasks::auth::gcp
