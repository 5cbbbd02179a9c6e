#pragma once
/// The wall clock as an injected function, so credential expiry and refresh windows can be
/// tested under a fake clock.

#include <functional>

#include "core/time_util.h"

namespace cloud_tasks::auth::aws {

/// Returns the current UTC time.
using WallClock = std::function<SystemTime()>;

/// The real clock (core NowUtc).
WallClock SystemWallClock();

}  // namespace cloud_tasks::auth::aws
