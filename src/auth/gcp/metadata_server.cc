#include "auth/gcp/metadata_server.h"

#include "core/strings.h"

namespace cloud_tasks::auth::gcp {

MetadataServerSettings MetadataSettingsFromEnvironment(const EnvLookup& env) {
  MetadataServerSettings s;
  std::optional<std::string> host = env("GCE_METADATA_HOST");
  if (!host || host->empty()) host = env("GCE_METADATA_ROOT");
  if (host && !host->empty()) s.host = *host;
  if (std::optional<std::string> t = env("GCE_METADATA_TIMEOUT")) {
    try {
      size_t used = 0;
      int seconds = std::stoi(*t, &used);
      if (used == t->size() && seconds > 0) s.timeout = std::chrono::seconds(seconds);
    } catch (const std::exception&) {
    }
  }
  s.disabled = env("NO_GCE_CHECK") == std::optional<std::string>("true");
  return s;
}

std::string MetadataClient::Url(const std::string& path) const {
  return "http://" + settings_.host + "/computeMetadata/v1/" + path;
}

Result<http::HttpResponse> MetadataClient::Get(const std::string& path) const {
  http::HttpRequest request;
  request.method = "GET";
  request.url = Url(path);
  request.headers = {{"Metadata-Flavor", "Google"}};
  request.timeout = settings_.timeout;
  Result<http::HttpResponse> response = transport_->Send(request);
  if (!response.ok()) {
    return UnavailableError("metadata server " + settings_.host +
                            " did not answer: " + response.status().message());
  }
  return response;
}

}  // namespace cloud_tasks::auth::gcp
