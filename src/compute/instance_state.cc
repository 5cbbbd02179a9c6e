#include "compute/provider.h"

namespace cloud_tasks::compute {

std::string_view InstanceStateName(InstanceState state) {
  switch (state) {
    case InstanceState::kStarting:
      return "starting";
    case InstanceState::kRunning:
      return "running";
    case InstanceState::kStopping:
      return "stopping";
    case InstanceState::kStopped:
      return "stopped";
    case InstanceState::kTerminated:
      return "terminated";
    case InstanceState::kUnknown:
      break;
  }
  return "unknown";
}

bool IsLive(InstanceState state) {
  return state == InstanceState::kStarting || state == InstanceState::kRunning;
}

}  // namespace cloud_tasks::compute
