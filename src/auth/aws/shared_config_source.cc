#include "auth/aws/shared_config_source.h"

namespace cloud_tasks::auth::aws {

Result<const SharedConfig*> SharedConfigSource::Get() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!loaded_.has_value()) loaded_.emplace(SharedConfig::Load(paths_));
  if (!loaded_->ok()) return loaded_->status();
  return &loaded_->value();
}

}  // namespace cloud_tasks::auth::aws
