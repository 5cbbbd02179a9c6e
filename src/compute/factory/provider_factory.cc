#include "compute/factory/provider_factory.h"

#include <fmt/format.h>

#include <filesystem>

#include "compute/local/local_provider.h"
#include "core/state_dir.h"

namespace cloud_tasks::compute {

Result<std::unique_ptr<Provider>> OpenProvider(const config::Settings& settings) {
  if (settings.provider == "local") {
    local::LocalProviderOptions o;
    o.state_dir = settings.state_dir.value_or("").empty() ? DefaultStateDir() : *settings.state_dir;
    std::error_code ec;
    std::filesystem::create_directories(o.state_dir, ec);
    if (ec)
      return IoError(fmt::format("cannot create the local state folder '{}': {}", o.state_dir, ec.message()));
    o.state_dir = std::filesystem::absolute(o.state_dir).string();
    o.price_per_hour = settings.price_per_hour.value_or(0);
    CT_ASSIGN_OR_RETURN(auto p, local::LocalProvider::Create(std::move(o)));
    return std::unique_ptr<Provider>(std::move(p));
  }
  if (settings.provider == "aws" || settings.provider == "gcp")
    return UnimplementedError(
        fmt::format("instances on provider '{}' are not built yet in this version; use --provider local",
                    settings.provider));
  return InvalidArgumentError(
      fmt::format("unknown provider '{}': expected aws, gcp or local", settings.provider));
}

}  // namespace cloud_tasks::compute
