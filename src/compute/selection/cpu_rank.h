#pragma once
/// CPU performance ranks (INS-05): one shared table for every provider, so a rank
/// constraint means the same thing on AWS and GCP (BUG-AWS-03).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloud_tasks::compute::selection {

/// The rank of a CPU family and, when the family is not in the table, a warning.
struct CpuRankLookup {
  int rank = 0;
  std::string warning;  ///< "" when the family is known
};

/// The INS-05 table in rank order: {"Unknown", 0}, {"Intel", 1}, ... {"Google Axion", 27}.
const std::vector<std::pair<std::string_view, int>>& CpuRankTable();

/// Rank of `family`, compared case-insensitively and ignoring surrounding spaces.
/// "" and "Unknown" rank 0 without a warning; a family missing from the table ranks 0
/// with the warning "Unknown CPU family 'X': performance rank 0 assumed".
CpuRankLookup CpuRank(std::string_view family);

}  // namespace cloud_tasks::compute::selection
