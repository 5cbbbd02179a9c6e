#pragma once
/// `--catalog FILE` and `--refresh-prices`, for the commands that choose or list
/// instance types (run, list_instance_types).

#include <CLI/CLI.hpp>

#include "orchestrator/catalog_source.h"

namespace cloud_tasks::cli {

struct CatalogFlags {
  orchestrator::CatalogSourceOptions options;

  void Add(CLI::App& app);
};

}  // namespace cloud_tasks::cli
