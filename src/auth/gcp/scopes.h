#pragma once
/// OAuth scopes cloud_tasks asks for.

#include <string>
#include <vector>

namespace cloud_tasks::auth::gcp {

/// Full access to Google Cloud APIs, limited by IAM (what Pub/Sub and Compute Engine
/// clients of the original get from ADC).
inline constexpr char kCloudPlatformScope[] = "https://www.googleapis.com/auth/cloud-platform";

inline std::vector<std::string> DefaultScopes() { return {kCloudPlatformScope}; }

}  // namespace cloud_tasks::auth::gcp
