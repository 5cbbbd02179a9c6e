#pragma once
/// Section-level helpers shared by the loader and Merge.

#include <string>
#include <string_view>

#include "config/config.h"

namespace cloud_tasks::config {

/// The Where bit of a provider section name ("aws" → kAws, ...); 0 for anything else
/// (including "run").
unsigned SectionBit(std::string_view section);

/// Where a key may be written, for "belongs in ..." messages:
/// "a provider section (aws:, gcp: or local:)", "aws: or gcp:", "aws:", ...
std::string SectionsFor(const KeyInfo& key);

/// The supported providers accepting a key, for CLI messages: "aws, gcp".
std::string ProvidersFor(const KeyInfo& key);

/// Checks every min_X <= max_X pair set within one file section.
Status CheckLayerPairs(const Layer& layer);

}  // namespace cloud_tasks::config
