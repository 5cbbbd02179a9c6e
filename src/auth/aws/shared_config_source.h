#pragma once
/// The shared files loaded once, on first use, and shared by the chain's profile-based
/// links and by region and endpoint resolution. Thread-safe.

#include <mutex>
#include <optional>

#include "auth/aws/shared_config.h"

namespace cloud_tasks::auth::aws {

class SharedConfigSource {
 public:
  SharedConfigSource(SharedConfigPaths paths, ProfileChoice profile)
      : paths_(std::move(paths)), profile_(std::move(profile)) {}

  /// The loaded files (or the parse error), the same answer on every call. The pointer
  /// lives as long as this object.
  Result<const SharedConfig*> Get();

  const ProfileChoice& profile() const { return profile_; }
  const SharedConfigPaths& paths() const { return paths_; }

 private:
  SharedConfigPaths paths_;
  ProfileChoice profile_;
  std::mutex mu_;
  std::optional<Result<SharedConfig>> loaded_;
};

}  // namespace cloud_tasks::auth::aws
