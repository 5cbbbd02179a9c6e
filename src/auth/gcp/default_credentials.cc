#include "auth/gcp/default_credentials.h"

#include <variant>

#include "auth/gcp/authorized_user_credentials.h"
#include "auth/gcp/credentials_file.h"
#include "auth/gcp/gcloud_config.h"
#include "auth/gcp/metadata_credentials.h"
#include "auth/gcp/service_account_credentials.h"
#include "core/files.h"
#include "core/logging.h"
#include "core/strings.h"

namespace cloud_tasks::auth::gcp {
namespace {

constexpr char kSetupAdvice[] =
    "Set credentials_file in the gcp section of the config (or GOOGLE_APPLICATION_CREDENTIALS) to a "
    "service-account key file, or run `gcloud auth application-default login`, or run on a Google Cloud VM "
    "with a service account attached.";

// What the chain found, before the caching wrapper and the project id.
struct Found {
  std::unique_ptr<TokenProvider> provider;
  std::string file_project;  // the credential's own project (key file, gcloud config)
  std::string file_project_source;
  std::string quota_project_id;
  MetadataCredentials* metadata = nullptr;  // set for link 4, owned by provider
};

// Builds the provider for a credentials file named by `named_by` ("credentials_file in the
// config", "GOOGLE_APPLICATION_CREDENTIALS", "" for the gcloud ADC file).
Result<Found> FromFileUnwrapped(const std::string& path, const std::string& named_by,
                                const DefaultCredentialsOptions& options, const EnvLookup& env) {
  CT_ASSIGN_OR_RETURN(CredentialsFile file, LoadCredentialsFile(path));
  std::string via = named_by.empty() ? "" : " (" + named_by + ")";
  Found found;
  if (auto* key = std::get_if<ServiceAccountKey>(&file)) {
    found.file_project = key->project_id;
    found.file_project_source = "key file " + path;
    found.quota_project_id = key->quota_project_id;
    ServiceAccountOptions o;
    o.key = std::move(*key);
    o.source = "service-account key file " + path + via;
    o.named_by = named_by;
    o.scopes = options.scopes;
    o.transport = options.transport;
    o.clock = options.clock;
    CT_ASSIGN_OR_RETURN(found.provider, ServiceAccountCredentials::Create(std::move(o)));
    return found;
  }
  auto& user = std::get<AuthorizedUser>(file);
  if (std::optional<std::string> project = GcloudProject(env)) {
    found.file_project = *project;
    found.file_project_source = "gcloud config";
  }
  found.quota_project_id = user.quota_project_id;
  AuthorizedUserOptions o;
  o.user = std::move(user);
  o.source =
      (named_by.empty() ? "gcloud application-default credentials " : "user credentials file ") + path + via;
  o.token_uri = options.user_token_uri;
  o.transport = options.transport;
  o.clock = options.clock;
  CT_ASSIGN_OR_RETURN(found.provider, AuthorizedUserCredentials::Create(std::move(o)));
  return found;
}

// A file that is named but unusable stops the chain (google-auth raises too): falling
// through would silently use other credentials than the user asked for. The error says
// which setting named the file.
Result<Found> FromFile(const std::string& path, const std::string& named_by,
                       const DefaultCredentialsOptions& options, const EnvLookup& env) {
  Result<Found> found = FromFileUnwrapped(path, named_by, options, env);
  if (found.ok() || named_by.empty()) return found;
  return found.status().WithContext(named_by);
}

// Links 1-4; kNotFound listing `tried` when all are empty.
Result<Found> WalkChain(const DefaultCredentialsOptions& options, const EnvLookup& env) {
  std::vector<std::string> tried;
  if (options.credentials_file && !options.credentials_file->empty()) {
    LogDebug("GCP credentials: using credentials_file {} from the config", *options.credentials_file);
    return FromFile(*options.credentials_file, "credentials_file in the config", options, env);
  }
  tried.push_back("credentials_file in the config (not set)");
  if (std::optional<std::string> path = env("GOOGLE_APPLICATION_CREDENTIALS"); path && !path->empty()) {
    LogDebug("GCP credentials: using GOOGLE_APPLICATION_CREDENTIALS={}", *path);
    return FromFile(*path, "GOOGLE_APPLICATION_CREDENTIALS", options, env);
  }
  tried.push_back("GOOGLE_APPLICATION_CREDENTIALS (not set)");
  std::optional<std::string> adc = GcloudAdcFilePath(env);
  if (adc && FileExists(*adc)) {
    LogDebug("GCP credentials: using the gcloud ADC file {}", *adc);
    return FromFile(*adc, "", options, env);
  }
  tried.push_back(adc ? "gcloud application-default credentials " + *adc + " (not found)"
                      : "gcloud application-default credentials (neither CLOUDSDK_CONFIG nor HOME set)");
  MetadataServerSettings settings = MetadataSettingsFromEnvironment(env);
  if (settings.disabled) {
    tried.push_back("metadata server (skipped: NO_GCE_CHECK=true)");
  } else {
    MetadataCredentialsOptions o;
    o.transport = options.transport;
    o.settings = settings;
    o.clock = options.clock;
    Result<std::unique_ptr<MetadataCredentials>> metadata = MetadataCredentials::Probe(std::move(o));
    if (metadata.ok()) {
      Found found;
      found.metadata = metadata->get();
      found.provider = std::move(metadata).value();
      return found;
    }
    if (metadata.status().code() != ErrorCode::kNotFound) return metadata.status();
    tried.push_back("metadata server (" + metadata.status().message() + ")");
  }
  return NotFoundError("no GCP credentials found; tried: " + Join(tried, "; ") + ". " + kSetupAdvice);
}

void ResolveProject(const DefaultCredentialsOptions& options, const EnvLookup& env, const Found& found,
                    GcpCredentials& out) {
  auto take = [&](const std::string& project, const std::string& source) {
    if (!out.project_id.empty() || project.empty()) return;
    out.project_id = project;
    out.project_source = source;
  };
  take(options.project_id.value_or(""), "config (project_id)");
  take(env("GOOGLE_CLOUD_PROJECT").value_or(""), "GOOGLE_CLOUD_PROJECT");
  take(env("GCLOUD_PROJECT").value_or(""), "GCLOUD_PROJECT");
  take(found.file_project, found.file_project_source);
  if (out.project_id.empty() && found.metadata != nullptr) {
    Result<std::string> project = found.metadata->ProjectId();
    if (project.ok()) {
      take(*project, "metadata server");
    } else {
      LogWarning("GCP: cannot read the project id from the metadata server: {}", project.status().message());
    }
  }
}

}  // namespace

Result<GcpCredentials> FindDefaultCredentials(const DefaultCredentialsOptions& options) {
  if (options.transport == nullptr) return InternalError("FindDefaultCredentials needs a transport");
  EnvLookup env = options.env ? options.env : ProcessEnvironment();
  CT_ASSIGN_OR_RETURN(Found found, WalkChain(options, env));
  GcpCredentials out;
  out.source = found.provider->Source();
  out.account_email = found.provider->AccountEmail();
  out.quota_project_id = found.quota_project_id;
  ResolveProject(options, env, found, out);
  out.tokens = std::make_shared<CachingTokenProvider>(std::move(found.provider), options.clock,
                                                      options.refresh_margin);
  LogInfo("GCP credentials from {}{}", out.source,
          out.project_id.empty() ? "" : ", project " + out.project_id);
  return out;
}

}  // namespace cloud_tasks::auth::gcp
