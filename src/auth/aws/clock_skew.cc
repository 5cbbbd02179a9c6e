#include "auth/aws/clock_skew.h"

namespace cloud_tasks::auth::aws {

bool IsClockSkewError(const http::ApiError& e) {
  const std::string& c = e.provider_code;
  if (c == "RequestTimeTooSkewed" || c == "RequestExpired" || c == "RequestInTheFuture") return true;
  if (c == "InvalidSignatureException" || c == "SignatureDoesNotMatch" || c == "AuthFailure") {
    return e.message.find("Signature expired") != std::string::npos ||
           e.message.find("Signature not yet current") != std::string::npos;
  }
  return false;
}

Status StatusWithClockHint(const http::ApiError& error) {
  Status s = http::ToStatus(error);
  if (!IsClockSkewError(error)) return s;
  return Status(s.code(), s.message() +
                              "; this machine's clock is probably wrong: check it (timedatectl, chrony or ntp) "
                              "and try again");
}

}  // namespace cloud_tasks::auth::aws
