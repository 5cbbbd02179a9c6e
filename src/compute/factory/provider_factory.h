#pragma once
/// The one place that knows which compute backends exist.

#include <memory>

#include "compute/provider.h"
#include "config/keys.h"
#include "core/status.h"

namespace cloud_tasks::compute {

/// The provider of `settings.provider`: local (instances under
/// `<state_dir>/instances`, state_dir made absolute); Unimplemented naming the provider for aws and gcp,
/// which are not built yet; InvalidArgument for anything else.
Result<std::unique_ptr<Provider>> OpenProvider(const config::Settings& settings);

}  // namespace cloud_tasks::compute
