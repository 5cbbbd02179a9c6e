#include "auth/aws/region.h"

#include "core/strings.h"

namespace cloud_tasks::auth::aws {

Result<ResolvedRegion> ResolveRegion(const std::optional<std::string>& config_region, const EnvLookup& env,
                                     SharedConfigSource* files) {
  if (config_region.has_value() && !Trim(*config_region).empty()) {
    return ResolvedRegion{std::string(Trim(*config_region)), "config"};
  }
  for (const char* var : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    std::optional<std::string> v = env(var);
    if (v.has_value() && !Trim(*v).empty()) return ResolvedRegion{std::string(Trim(*v)), var};
  }
  std::string profile_hint = "region in the AWS profile";
  if (files != nullptr) {
    CT_ASSIGN_OR_RETURN(const SharedConfig* shared, files->Get());
    CT_RETURN_IF_ERROR(shared->CheckProfile(files->profile()));
    const std::string& profile = files->profile().name;
    std::optional<std::string> v = shared->Get(profile, "region");
    if (v.has_value() && !Trim(*v).empty()) {
      const IniSection* creds = shared->CredentialsFileProfile(profile);
      const std::string& file = creds != nullptr && creds->Get("region").has_value()
                                    ? shared->paths().credentials_file
                                    : shared->paths().config_file;
      return ResolvedRegion{std::string(Trim(*v)), "profile " + profile + " in " + file};
    }
    profile_hint = "region in profile " + profile + " of " + shared->paths().config_file;
  }
  return NotFoundError("No AWS region configured: set aws.region in the config (or --region), AWS_REGION, "
                       "AWS_DEFAULT_REGION, or " + profile_hint);
}

}  // namespace cloud_tasks::auth::aws
