// `cloud_tasks check_credentials`: resolve credentials exactly as `run` would and prove
// them with one harmless call (AWS: STS GetCallerIdentity; GCP: obtaining a token), then
// say whose they are and where they came from. Secrets and tokens are never printed.

#include <fmt/format.h>

#include <chrono>

#include "auth/aws/caller_identity.h"
#include "auth/aws/default_credential_chain.h"
#include "auth/aws/endpoint.h"
#include "auth/aws/region.h"
#include "auth/gcp/credential_check.h"
#include "cli/provider_command.h"
#include "core/json.h"
#include "http/curl_transport.h"
#include "http/retry_transport.h"

namespace cloud_tasks::cli {
namespace {

using config::Group;

// What is printed, in order; JSON keys are the same names.
using Facts = std::vector<std::pair<std::string, std::string>>;

Result<std::shared_ptr<http::HttpTransport>> ApiTransport() {
  CT_ASSIGN_OR_RETURN(auto curl, http::CurlTransport::Create({}));
  CT_ASSIGN_OR_RETURN(auto retry, http::RetryTransport::Create(std::move(curl), {}));
  return std::shared_ptr<http::HttpTransport>(std::move(retry));
}

// Metadata servers are link-local and must never be reached through a proxy.
Result<std::unique_ptr<http::HttpTransport>> MetadataTransport() {
  http::CurlTransport::Options o;
  o.proxy = "";
  o.connect_timeout = std::chrono::milliseconds(1000);
  CT_ASSIGN_OR_RETURN(auto curl, http::CurlTransport::Create(o));
  return std::unique_ptr<http::HttpTransport>(std::move(curl));
}

class CheckCredentialsCommand : public ProviderCommand {
 public:
  CheckCredentialsCommand()
      : ProviderCommand({"check_credentials",
                         "Resolve credentials as run would and prove them with one harmless call "
                         "(AWS: STS GetCallerIdentity; GCP: a token); print whose they are and their source",
                         {Group::kJob, Group::kCredentials},
                         {"job_id", "queue_name", "exactly_once_queue", "zone", "service_account", "state_dir"},
                         false,
                         "credentials"}) {}

 protected:
  void DefineExtra(CLI::App& sub) override {
    sub.add_option("--format", format_, "text (default) or json")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"text", "json"}));
  }

  int Execute(const config::Settings& s) override {
    if (s.provider == "aws") return Report("aws", CheckAws(s));
    if (s.provider == "gcp") return Report("gcp", CheckGcp(s));
    return Report(s.provider, Facts{{"credentials", "none needed: the local provider runs on this machine"}});
  }

 private:
  Result<Facts> CheckAws(const config::Settings& s) {
    EnvLookup env = ProcessEnvironment();
    auto files = auth::aws::MakeSharedConfigSource(env, std::nullopt);
    CT_ASSIGN_OR_RETURN(auto imds, MetadataTransport());
    auth::aws::DefaultChainOptions o;
    o.access_key = s.access_key;
    o.secret_key = s.secret_key;
    o.env = env;
    o.imds_transport = imds.get();
    auto chain = auth::aws::MakeDefaultCredentialChain(o, files);
    CT_ASSIGN_OR_RETURN(auth::aws::ResolvedCredentials creds, chain->Load());
    source_ = creds.source;
    CT_ASSIGN_OR_RETURN(auto region, auth::aws::ResolveRegion(s.region, env, files.get()));
    CT_ASSIGN_OR_RETURN(auto endpoint,
                        auth::aws::ResolveEndpoint({"STS", region.region, s.sts_endpoint_url}, env, files.get()));
    CT_ASSIGN_OR_RETURN(auto transport, ApiTransport());
    auth::aws::CallerIdentityRequest req;
    req.endpoint_url = endpoint.url;
    req.region = region.region;
    req.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    CT_ASSIGN_OR_RETURN(auto id, auth::aws::GetCallerIdentity(*transport, req, creds.credentials));
    return Facts{{"account", id.account},
                 {"arn", id.arn},
                 {"user_id", id.user_id},
                 {"region", region.region + " (" + region.source + ")"},
                 {"credentials_source", creds.source},
                 {"sts_endpoint", endpoint.url + " (" + endpoint.source + ")"},
                 {"expires", creds.expiration ? FormatIsoUtc(*creds.expiration) : "never (long-term keys)"}};
  }

  Result<Facts> CheckGcp(const config::Settings& s) {
    CT_ASSIGN_OR_RETURN(auto transport, ApiTransport());
    auth::gcp::DefaultCredentialsOptions o;
    o.credentials_file = s.credentials_file;
    o.project_id = s.project_id;
    o.transport = transport.get();
    CT_ASSIGN_OR_RETURN(auth::gcp::CredentialCheck c, auth::gcp::CheckGcpCredentials(o));
    source_ = c.source;
    Facts f = {{"account", c.account_email.empty() ? "(unknown)" : c.account_email},
               {"project", c.project_id.empty() ? "(none found: set project_id or --project-id)"
                                                : c.project_id + " (" + c.project_source + ")"},
               {"credentials_source", c.source},
               {"token_expires", FormatIsoUtc(c.token_expiry)}};
    if (!c.quota_project_id.empty()) f.emplace_back("quota_project", c.quota_project_id);
    return f;
  }

  int Report(const std::string& provider, const Result<Facts>& facts) {
    if (format_ == "json") {
      Json out = {{"provider", provider}, {"valid", facts.ok()}};
      if (facts.ok()) {
        for (const auto& [k, v] : *facts) out[k] = v;
      } else {
        out["error"] = facts.status().message();
        if (!source_.empty()) out["credentials_source"] = source_;
      }
      fmt::print("{}\n", out.dump(2));
      return facts.ok() ? 0 : 1;
    }
    if (!facts.ok()) {
      // A call that got no answer says nothing about the credentials themselves.
      if (facts.status().code() == ErrorCode::kUnavailable) {
        return Fail(fmt::format("{} credentials could not be checked: {}\nCheck the network, any proxy "
                                "(https_proxy, no_proxy) and the endpoint settings.",
                                provider, facts.status().message()));
      }
      std::string fix = source_.empty()
                            ? ""
                            : fmt::format("\nThe credentials came from: {}. Fix or replace them there, or "
                                          "set up other credentials earlier in the chain (see "
                                          "docs/credentials_{}.md).",
                                          source_, provider);
      return Fail(fmt::format("{} credentials do not work: {}{}", provider, facts.status().message(), fix));
    }
    fmt::print("Provider: {}\n", provider);
    for (const auto& [k, v] : *facts) fmt::print("{}: {}\n", k, v);
    fmt::print("Credentials are valid.\n");
    return 0;
  }

  std::string format_ = "text";
  std::string source_;
};

}  // namespace

std::unique_ptr<Command> MakeCheckCredentialsCommand() { return std::make_unique<CheckCredentialsCommand>(); }

}  // namespace cloud_tasks::cli
