#pragma once
/// Exit statuses of `cloud_tasks` (CLI-07): 0 success, 1 failure, 2 usage error, 130 interrupt.

namespace cloud_tasks::cli {
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 130;
}  // namespace cloud_tasks::cli
