#include "auth/gcp/metadata_credentials.h"

#include "auth/gcp/form_encoding.h"
#include "auth/gcp/token_response.h"
#include "core/logging.h"
#include "core/strings.h"

namespace cloud_tasks::auth::gcp {
namespace {

constexpr char kAccountPath[] = "instance/service-accounts/default/";

Status ErrorAnswer(const MetadataClient& client, const std::string& path, int status) {
  std::string message = "metadata server " + client.settings().host + " answered HTTP " +
                        std::to_string(status) + " for " + path;
  if (status == 404 && StartsWith(path, kAccountPath)) {
    return Status(ErrorCode::kPermissionDenied,
                  message +
                      ": this instance has no service account attached; attach one (gcloud compute "
                      "instances set-service-account) or use a key file via credentials_file");
  }
  return UnavailableError(message);
}

}  // namespace

Result<std::unique_ptr<MetadataCredentials>> MetadataCredentials::Probe(MetadataCredentialsOptions options) {
  if (options.transport == nullptr) return InternalError("MetadataCredentials needs a transport");
  MetadataClient client(options.transport, options.settings);
  const std::string path = std::string(kAccountPath) + "email";
  LogDebug("GCP: probing the metadata server at {}", client.settings().host);
  Result<http::HttpResponse> response = client.Get(path);
  if (!response.ok()) return NotFoundError(response.status().message());
  std::optional<std::string_view> flavor = response->Header("Metadata-Flavor");
  if (!flavor || *flavor != "Google") {
    return NotFoundError("the server at " + client.settings().host +
                         " answered without `Metadata-Flavor: Google`: not a metadata server");
  }
  if (response->status != 200) return ErrorAnswer(client, path, response->status);
  std::string email(Trim(response->body));
  return std::unique_ptr<MetadataCredentials>(new MetadataCredentials(std::move(options), std::move(email)));
}

MetadataCredentials::MetadataCredentials(MetadataCredentialsOptions options, std::string email)
    : client_(options.transport, options.settings),
      scopes_(Join(options.scopes, ",")),
      clock_(options.clock ? std::move(options.clock) : SystemWallClock()),
      email_(std::move(email)) {}

std::string MetadataCredentials::Source() const {
  return "metadata server " + client_.settings().host + " (service account of this instance)";
}

Result<AccessToken> MetadataCredentials::GetToken() {
  std::string path = std::string(kAccountPath) + "token";
  if (!scopes_.empty()) path += "?" + FormUrlEncode({{"scopes", scopes_}});
  SystemTime now = clock_();
  CT_ASSIGN_OR_RETURN(http::HttpResponse response, client_.Get(path));
  if (response.status != 200)
    return ErrorAnswer(client_, std::string(kAccountPath) + "token", response.status);
  return ParseTokenResponse(response, now, client_.Url(std::string(kAccountPath) + "token"));
}

Result<std::string> MetadataCredentials::ProjectId() const {
  const std::string path = "project/project-id";
  CT_ASSIGN_OR_RETURN(http::HttpResponse response, client_.Get(path));
  if (response.status != 200) return ErrorAnswer(client_, path, response.status);
  return std::string(Trim(response.body));
}

}  // namespace cloud_tasks::auth::gcp
