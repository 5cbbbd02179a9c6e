#include "compute/selection/cpu_rank.h"

#include "core/strings.h"

namespace cloud_tasks::compute::selection {

const std::vector<std::pair<std::string_view, int>>& CpuRankTable() {
  static const std::vector<std::pair<std::string_view, int>> kTable = {
      {"Unknown", 0},
      {"Intel", 1},
      {"Intel Nehalem", 2},
      {"Intel Westmere", 3},
      {"Intel Sandy Bridge", 4},
      {"Intel Ivy Bridge", 5},
      {"Intel Haswell", 6},
      {"Intel Broadwell", 7},
      {"Intel Core i7", 8},
      {"AWS Graviton", 9},
      {"AMD Naples", 10},
      {"Intel Skylake", 11},
      {"Intel Cascade Lake", 12},
      {"AMD Rome", 13},
      {"Apple M1", 14},
      {"Ampere Altra", 15},
      {"Intel Ice Lake", 16},
      {"AMD Milan", 17},
      {"AWS Graviton2", 18},
      {"AWS Graviton3", 19},
      {"AWS Graviton3E", 20},
      {"Intel Sapphire Rapids", 21},
      {"AMD Genoa", 22},
      {"AWS Graviton4", 23},
      {"AWS Inferentia2", 24},
      {"Intel Emerald Rapids", 25},
      {"AMD Turin", 26},
      {"Google Axion", 27},
  };
  return kTable;
}

CpuRankLookup CpuRank(std::string_view family) {
  CpuRankLookup out;
  std::string wanted = ToLower(Trim(family));
  if (wanted.empty()) return out;
  for (const auto& [name, rank] : CpuRankTable()) {
    if (ToLower(name) == wanted) {
      out.rank = rank;
      return out;
    }
  }
  out.warning = "Unknown CPU family '" + std::string(Trim(family)) + "': performance rank 0 assumed";
  return out;
}

}  // namespace cloud_tasks::compute::selection
