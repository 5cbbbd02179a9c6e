#include "auth/aws/credential_process.h"

#include "auth/aws/shell_split.h"
#include "core/json.h"
#include "core/strings.h"

namespace cloud_tasks::auth::aws {
namespace {

constexpr size_t kMaxStderr = 1000;

Result<std::string> StringField(const Json& doc, const char* key, bool required) {
  auto it = doc.find(key);
  if (it == doc.end() || it->is_null()) {
    if (required) return InvalidArgumentError(std::string("Missing required key in response: '") + key + "'");
    return std::string();
  }
  if (!it->is_string()) return InvalidArgumentError(std::string("'") + key + "' is not a string");
  return it->get<std::string>();
}

}  // namespace

Result<ResolvedCredentials> ParseCredentialProcessOutput(std::string_view stdout_text) {
  Json doc = Json::parse(stdout_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    // nlohmann's own message quotes the text it read, which may be a secret: say less.
    return InvalidArgumentError("output is not valid JSON (" + std::to_string(stdout_text.size()) +
                                " bytes)");
  }
  if (!doc.is_object()) return InvalidArgumentError("output is not a JSON object");
  auto version = doc.find("Version");
  if (version == doc.end()) {
    return InvalidArgumentError(
        "Unsupported version '<Version key not provided>' for credential process provider, "
        "supported versions: 1");
  }
  if (!version->is_number() || version->get<double>() != 1.0) {
    return InvalidArgumentError("Unsupported version '" + Abbreviate(version->dump(), 20) +
                                "' for credential process provider, supported versions: 1");
  }
  ResolvedCredentials out;
  CT_ASSIGN_OR_RETURN(out.credentials.access_key_id, StringField(doc, "AccessKeyId", true));
  CT_ASSIGN_OR_RETURN(out.credentials.secret_access_key, StringField(doc, "SecretAccessKey", true));
  CT_ASSIGN_OR_RETURN(out.credentials.session_token, StringField(doc, "SessionToken", false));
  CT_ASSIGN_OR_RETURN(std::string expiration, StringField(doc, "Expiration", false));
  if (!expiration.empty()) {
    Result<SystemTime> t = ParseIsoTime(expiration);
    if (!t.ok()) return InvalidArgumentError("Expiration is not an ISO 8601 time: " + Abbreviate(expiration, 40));
    out.expiration = *t;
  }
  return out;
}

Result<ResolvedCredentials> CredentialProcessProvider::Load() {
  CT_ASSIGN_OR_RETURN(const SharedConfig* shared, files_->Get());
  CT_RETURN_IF_ERROR(shared->CheckProfile(files_->profile()));
  const std::string& profile = files_->profile().name;
  std::optional<std::string> command = shared->Get(profile, "credential_process");
  if (!command.has_value() || Trim(*command).empty()) {
    return NotFoundError("profile '" + profile + "' has no credential_process");
  }
  const std::string where = "credential_process in profile " + profile;
  Result<std::vector<std::string>> argv = ShellSplit(*command);
  if (!argv.ok()) return FailedPreconditionError(where + ": " + argv.status().message());
  if (argv->empty()) return FailedPreconditionError(where + " is empty");
  Result<ProcessOutput> run = runner_->Run(*argv);
  if (!run.ok()) return FailedPreconditionError(where + ": " + run.status().message());
  if (run->exit_code != 0) {
    std::string err = Abbreviate(Trim(run->err), kMaxStderr);
    return FailedPreconditionError(where + ": " + (*argv)[0] + " exited with status " +
                                   std::to_string(run->exit_code) + (err.empty() ? "" : ": " + err));
  }
  Result<ResolvedCredentials> parsed = ParseCredentialProcessOutput(run->out);
  if (!parsed.ok()) return FailedPreconditionError(where + ": " + parsed.status().message());
  parsed->source = where;
  return parsed;
}

}  // namespace cloud_tasks::auth::aws
