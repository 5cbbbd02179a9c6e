#include "auth/aws/signed_call.h"

#include <strings.h>

#include "auth/aws/sigv4.h"
#include "auth/aws/uri_encoding.h"
#include "http/url.h"

namespace cloud_tasks::auth::aws {

std::string FormBody(const std::vector<QueryParam>& params) {
  std::string out;
  for (const QueryParam& p : params) {
    if (!out.empty()) out += '&';
    AppendUriEncoded(p.name, false, out);
    out += '=';
    AppendUriEncoded(p.value, false, out);
  }
  return out;
}

Result<http::HttpRequest> SignCall(const AwsCall& call, const Credentials& credentials,
                                   std::chrono::sys_seconds now, SigningKeyCache* cache) {
  CT_ASSIGN_OR_RETURN(http::Url url, http::ParseUrl(call.endpoint_url, call.service + " endpoint URL"));
  SigningRequest req;
  req.method = call.method;
  req.scheme = url.scheme;
  req.host = url.host;
  req.port = url.port;
  req.path = url.path;
  if (!call.path.empty()) {
    if (req.path.back() == '/' && call.path.front() == '/') req.path.pop_back();
    req.path += call.path;
  }
  req.query = call.query;
  req.headers = call.headers;
  req.body = call.body;
  SigningParams params;
  params.service = call.service;
  params.region = call.region;
  params.time = now;
  SigV4Headers signed_headers = SignRequest(req, credentials, params, cache);
  signed_headers.ApplyTo(req.headers);

  http::HttpRequest out;
  out.method = call.method;
  out.url = url.Origin() + req.path;
  if (!call.query.empty()) out.url += "?" + FormBody(call.query);
  // The Host header the signature covers is sent as signed, not left to the transport.
  bool has_host = false;
  for (const Header& h : req.headers) has_host = has_host || strcasecmp(h.name.c_str(), "host") == 0;
  if (!has_host) out.headers.emplace_back("Host", HostHeaderValue(req));
  for (Header& h : req.headers) out.headers.emplace_back(std::move(h.name), std::move(h.value));
  out.body = call.body;
  out.idempotent = call.idempotent;
  out.rate_bucket = call.rate_bucket;
  return out;
}

}  // namespace cloud_tasks::auth::aws
