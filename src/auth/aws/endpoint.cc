#include "auth/aws/endpoint.h"

#include "core/strings.h"

namespace cloud_tasks::auth::aws {
namespace {

std::string Snake(const std::string& service_id) {
  std::string out;
  for (char c : service_id) out += (c == ' ' || c == '-') ? '_' : c;
  return out;
}

std::optional<std::string> Set(const std::optional<std::string>& v) {
  if (v.has_value() && !Trim(*v).empty()) return std::string(Trim(*v));
  return std::nullopt;
}

Result<ResolvedEndpoint> Checked(std::string url, std::string source) {
  if (!StartsWith(url, "http://") && !StartsWith(url, "https://")) {
    return InvalidArgumentError("endpoint URL from " + source + " must start with http:// or https://: '" + url +
                                "'");
  }
  return ResolvedEndpoint{std::move(url), std::move(source)};
}

// Steps 4 and 5 (the profile); nullopt when the profile sets nothing.
Result<std::optional<ResolvedEndpoint>> FromProfile(const std::string& service_key, const SharedConfig& shared,
                                                    const std::string& profile) {
  const std::string& file = shared.paths().config_file;
  if (std::optional<std::string> services = Set(shared.Get(profile, "services"))) {
    const IniSection* section = shared.ServicesSection(*services);
    if (section == nullptr) {
      return InvalidArgumentError("profile " + profile + " uses services section '" + *services +
                                  "', but " + file + " has no [services " + *services + "]");
    }
    auto it = section->values.find(service_key);
    if (it != section->values.end()) {
      auto url = it->second.nested.find("endpoint_url");
      if (url != it->second.nested.end() && !url->second.empty()) {
        CT_ASSIGN_OR_RETURN(ResolvedEndpoint e, Checked(url->second, "[services " + *services + "] " +
                                                                         service_key + " in " + file));
        return std::optional<ResolvedEndpoint>(e);
      }
    }
  }
  if (std::optional<std::string> url = Set(shared.Get(profile, "endpoint_url"))) {
    CT_ASSIGN_OR_RETURN(ResolvedEndpoint e, Checked(*url, "endpoint_url of profile " + profile + " in " + file));
    return std::optional<ResolvedEndpoint>(e);
  }
  return std::optional<ResolvedEndpoint>();
}

}  // namespace

std::string DefaultEndpoint(const std::string& service_id, const std::string& region) {
  std::string prefix = ToLower(Snake(service_id));
  if (prefix == "pricing") prefix = "api.pricing";
  std::string suffix = StartsWith(region, "cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return "https://" + prefix + "." + region + "." + suffix;
}

Result<ResolvedEndpoint> ResolveEndpoint(const EndpointQuery& query, const EnvLookup& env,
                                         SharedConfigSource* files) {
  if (std::optional<std::string> url = Set(query.config_endpoint_url)) return Checked(*url, "config");
  const SharedConfig* shared = nullptr;
  if (files != nullptr) {
    CT_ASSIGN_OR_RETURN(shared, files->Get());
    CT_RETURN_IF_ERROR(shared->CheckProfile(files->profile()));
  }
  std::optional<std::string> ignore = Set(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
  if (!ignore.has_value() && shared != nullptr) {
    ignore = Set(shared->Get(files->profile().name, "ignore_configured_endpoint_urls"));
  }
  if (!(ignore.has_value() && ToLower(*ignore) == "true")) {
    const std::string service_var = "AWS_ENDPOINT_URL_" + ToUpper(Snake(query.service_id));
    for (const std::string& var : {service_var, std::string("AWS_ENDPOINT_URL")}) {
      if (std::optional<std::string> url = Set(env(var))) return Checked(*url, var);
    }
    if (shared != nullptr) {
      CT_ASSIGN_OR_RETURN(std::optional<ResolvedEndpoint> e,
                          FromProfile(ToLower(Snake(query.service_id)), *shared, files->profile().name));
      if (e.has_value()) return *e;
    }
  }
  if (Trim(query.region).empty()) {
    return InvalidArgumentError("no region to build the default " + query.service_id + " endpoint from");
  }
  return ResolvedEndpoint{DefaultEndpoint(query.service_id, query.region), "default"};
}

}  // namespace cloud_tasks::auth::aws
