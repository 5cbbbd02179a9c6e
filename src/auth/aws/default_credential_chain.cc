#include "auth/aws/default_credential_chain.h"

#include <utility>
#include <vector>

#include "auth/aws/credential_chain.h"
#include "auth/aws/credential_process.h"
#include "auth/aws/instance_metadata_provider.h"
#include "auth/aws/profile_key_providers.h"
#include "auth/aws/static_key_providers.h"

namespace cloud_tasks::auth::aws {

std::shared_ptr<SharedConfigSource> MakeSharedConfigSource(const EnvLookup& env,
                                                           const std::optional<std::string>& profile) {
  EnvLookup e = env ? env : ProcessEnvironment();
  return std::make_shared<SharedConfigSource>(ResolveSharedConfigPaths(e), ChooseProfile(profile, e));
}

std::unique_ptr<CredentialProvider> MakeDefaultCredentialChain(DefaultChainOptions options,
                                                               std::shared_ptr<SharedConfigSource> files) {
  EnvLookup env = options.env ? options.env : ProcessEnvironment();
  std::shared_ptr<ProcessRunner> runner =
      options.process_runner ? options.process_runner : std::shared_ptr<ProcessRunner>(MakeForkExecRunner());
  std::vector<std::unique_ptr<CredentialProvider>> links;
  links.push_back(std::make_unique<ConfigKeysProvider>(options.access_key, options.secret_key));
  links.push_back(std::make_unique<EnvironmentProvider>(env));
  links.push_back(std::make_unique<SharedCredentialsFileProvider>(files));
  links.push_back(std::make_unique<CredentialProcessProvider>(files, runner));
  links.push_back(std::make_unique<SharedConfigFileProvider>(files));
  links.push_back(std::make_unique<InstanceMetadataProvider>(options.imds_transport, env));
  return std::make_unique<RefreshingCredentialProvider>(std::make_unique<CredentialChain>(std::move(links)),
                                                        options.clock, options.windows);
}

std::unique_ptr<CredentialProvider> MakeDefaultCredentialChain(DefaultChainOptions options) {
  std::shared_ptr<SharedConfigSource> files = MakeSharedConfigSource(options.env, options.profile);
  return MakeDefaultCredentialChain(std::move(options), std::move(files));
}

}  // namespace cloud_tasks::auth::aws
