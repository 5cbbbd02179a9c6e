#include "auth/aws/caller_identity.h"

#include "auth/aws/clock_skew.h"
#include "auth/aws/signed_call.h"
#include "http/api_error.h"
#include "http/xml_text.h"

namespace cloud_tasks::auth::aws {

Result<CallerIdentity> ParseCallerIdentity(const std::string& xml) {
  CallerIdentity id;
  id.account = http::XmlText(xml, "Account");
  id.arn = http::XmlText(xml, "Arn");
  id.user_id = http::XmlText(xml, "UserId");
  id.request_id = http::XmlText(xml, "RequestId");
  if (id.account.empty() || id.arn.empty())
    return InternalError("the GetCallerIdentity answer has no Account or Arn");
  return id;
}

Result<CallerIdentity> GetCallerIdentity(http::HttpTransport& transport, const CallerIdentityRequest& request,
                                         const Credentials& credentials) {
  AwsCall call;
  call.endpoint_url = request.endpoint_url;
  call.service = "sts";
  call.region = request.region;
  call.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  call.body = FormBody({{"Action", "GetCallerIdentity"}, {"Version", "2011-06-15"}});
  call.idempotent = true;  // a read: safe to send again
  CT_ASSIGN_OR_RETURN(http::HttpRequest req, SignCall(call, credentials, request.now));
  CT_ASSIGN_OR_RETURN(http::HttpResponse resp, transport.Send(req));
  if (resp.status < 200 || resp.status > 299) return StatusWithClockHint(http::ParseApiError(resp));
  auto id = ParseCallerIdentity(resp.body);
  if (!id.ok()) return id.status().WithContext("STS at " + request.endpoint_url);
  return id;
}

}  // namespace cloud_tasks::auth::aws
