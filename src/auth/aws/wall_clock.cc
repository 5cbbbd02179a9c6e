#include "auth/aws/wall_clock.h"

namespace cloud_tasks::auth::aws {

WallClock SystemWallClock() {
  return [] { return NowUtc(); };
}

}  // namespace cloud_tasks::auth::aws
