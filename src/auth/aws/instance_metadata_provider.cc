#include "auth/aws/instance_metadata_provider.h"

#include "core/json.h"
#include "core/logging.h"
#include "core/strings.h"

namespace cloud_tasks::auth::aws {
namespace {

constexpr char kTokenPath[] = "latest/api/token";
constexpr char kRolePath[] = "latest/meta-data/iam/security-credentials/";

bool IsTrue(const std::optional<std::string>& v) { return v.has_value() && ToLower(Trim(*v)) == "true"; }

std::string JoinUrl(const std::string& base, const std::string& path) {
  return EndsWith(base, "/") ? base + path : base + "/" + path;
}

Result<int> PositiveInt(const std::optional<std::string>& v, const char* name, int fallback) {
  if (!v.has_value() || Trim(*v).empty()) return fallback;
  try {
    size_t used = 0;
    int n = std::stoi(std::string(Trim(*v)), &used);
    if (n > 0 && used == Trim(*v).size()) return n;
  } catch (const std::exception&) {
  }
  return InvalidArgumentError(std::string(name) + " must be a positive whole number, not '" + *v + "'");
}

}  // namespace

Result<InstanceMetadataProvider::Settings> InstanceMetadataProvider::ReadSettings() const {
  Settings s;
  std::optional<std::string> endpoint = env_("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  s.endpoint = endpoint.has_value() && !endpoint->empty() ? *endpoint : kDefaultImdsEndpoint;
  if (!StartsWith(s.endpoint, "http://") && !StartsWith(s.endpoint, "https://")) {
    return InvalidArgumentError("AWS_EC2_METADATA_SERVICE_ENDPOINT must be an http:// or https:// URL, not '" +
                                s.endpoint + "'");
  }
  CT_ASSIGN_OR_RETURN(int seconds, PositiveInt(env_("AWS_METADATA_SERVICE_TIMEOUT"),
                                               "AWS_METADATA_SERVICE_TIMEOUT", 1));
  s.timeout = std::chrono::seconds(seconds);
  CT_ASSIGN_OR_RETURN(s.attempts, PositiveInt(env_("AWS_METADATA_SERVICE_NUM_ATTEMPTS"),
                                              "AWS_METADATA_SERVICE_NUM_ATTEMPTS", 1));
  s.v1_disabled = IsTrue(env_("AWS_EC2_METADATA_V1_DISABLED"));
  return s;
}

Result<std::string> InstanceMetadataProvider::FetchToken(const Settings& s) {
  http::HttpRequest req;
  req.method = "PUT";
  req.url = JoinUrl(s.endpoint, kTokenPath);
  req.headers = {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}};
  req.timeout = s.timeout;
  std::string last = "no answer";
  for (int i = 0; i < s.attempts; ++i) {
    Result<http::HttpResponse> r = transport_->Send(req);
    if (!r.ok()) {
      last = r.status().message();
      continue;
    }
    if (r->status == 200 && !r->body.empty()) return r->body;
    if (r->status == 403 || r->status == 404 || r->status == 405) {
      if (s.v1_disabled) {
        return NotFoundError("IMDS refused a session token (HTTP " + std::to_string(r->status) + ") at " +
                             req.url + " and AWS_EC2_METADATA_V1_DISABLED forbids IMDSv1");
      }
      LogDebug("IMDS refused a session token (HTTP {}); falling back to IMDSv1", r->status);
      return std::string();
    }
    if (r->status == 400) return NotFoundError("IMDS rejected the token request (HTTP 400) at " + req.url);
    last = "HTTP " + std::to_string(r->status);
  }
  return NotFoundError("no instance metadata service at " + s.endpoint + " (" + last + ")");
}

Result<std::string> InstanceMetadataProvider::Get(const Settings& s, const std::string& path,
                                                  const std::string& token, bool want_json) {
  http::HttpRequest req;
  req.url = JoinUrl(s.endpoint, path);
  if (!token.empty()) req.headers = {{"X-aws-ec2-metadata-token", token}};
  req.timeout = s.timeout;
  std::string last = "no answer";
  for (int i = 0; i < s.attempts; ++i) {
    Result<http::HttpResponse> r = transport_->Send(req);
    if (!r.ok()) {
      last = r.status().message();
    } else if (r->status != 200) {
      last = "HTTP " + std::to_string(r->status);
    } else if (r->body.empty()) {
      last = "an empty answer";
    } else if (want_json && !Json::accept(r->body)) {
      last = "malformed JSON";
    } else {
      return r->body;
    }
    LogDebug("IMDS GET {}: {}", req.url, last);
  }
  return NotFoundError(last + " from " + req.url);
}

Result<ResolvedCredentials> InstanceMetadataProvider::Load() {
  if (transport_ == nullptr) return NotFoundError("no HTTP transport given");
  if (IsTrue(env_("AWS_EC2_METADATA_DISABLED"))) return NotFoundError("disabled by AWS_EC2_METADATA_DISABLED");
  CT_ASSIGN_OR_RETURN(Settings s, ReadSettings());
  CT_ASSIGN_OR_RETURN(std::string token, FetchToken(s));
  Result<std::string> role_body = Get(s, kRolePath, token, false);
  if (!role_body.ok()) return NotFoundError("no instance role: " + role_body.status().message());
  std::string role(Trim(role_body->substr(0, role_body->find('\n'))));
  if (role.empty()) return NotFoundError("no instance role: IMDS listed no role name");
  CT_ASSIGN_OR_RETURN(std::string body, Get(s, kRolePath + role, token, true));
  Json doc = Json::parse(body);
  if (!doc.is_object()) return NotFoundError("credentials of role " + role + " are not a JSON object");
  for (const char* key : {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) {
      std::string detail;
      if (doc.contains("Code") && doc["Code"].is_string()) detail = " (" + doc["Code"].get<std::string>() + ")";
      return NotFoundError("credentials of role " + role + " lack " + key + detail);
    }
  }
  ResolvedCredentials out;
  out.credentials.access_key_id = doc["AccessKeyId"].get<std::string>();
  out.credentials.secret_access_key = doc["SecretAccessKey"].get<std::string>();
  out.credentials.session_token = doc["Token"].get<std::string>();
  Result<SystemTime> expiration = ParseIsoTime(doc["Expiration"].get<std::string>());
  if (!expiration.ok()) return NotFoundError("credentials of role " + role + " have an unreadable Expiration");
  out.expiration = *expiration;
  out.source = "instance role " + role + (token.empty() ? " via IMDSv1" : " via IMDSv2");
  return out;
}

}  // namespace cloud_tasks::auth::aws
