#pragma once
/// On-disk cache of a provider's catalog (types and prices) per (provider, project,
/// region), so repeated commands skip the slow price listing (GCE-08, BUG-GCE-11).
///
/// File: <directory>/prices_<provider>_<project>_<region>.json (characters other than
/// letters, digits, '.', '-' become '_'), mode 0600, written to a temporary file and
/// renamed. Content: {"format": "cloud_tasks.price_cache", "version": 1, "provider",
/// "project", "region", "fetched_at": ISO-8601 UTC, "catalog": CatalogToJson}. Freshness
/// comes from `fetched_at`, not the file time. Concurrency: flock on <file>.lock, shared
/// for reads, exclusive for writes and for GetOrFetch's check-fetch-store, so concurrent
/// commands neither corrupt the file nor fetch twice.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "compute/catalog.h"
#include "core/status.h"
#include "core/time_util.h"

namespace cloud_tasks::compute::selection {

inline constexpr int kPriceCacheVersion = 1;

struct PriceCacheKey {
  std::string provider;
  std::string project;  ///< "" when the provider has none
  std::string region;
};

struct PriceCacheOptions {
  std::string directory;  ///< created (0700) when missing
  std::chrono::seconds ttl = std::chrono::hours(24);
  bool refresh = false;             ///< ignore stored entries (they are still rewritten)
  std::function<SystemTime()> now;  ///< default NowUtc
};

/// A lookup: the catalog when fresh, otherwise why not.
struct CacheLookup {
  std::optional<Catalog> catalog;
  /// "" on a hit; else "missing", "refresh requested", "expired (age 25h)",
  /// "version 0 != 1", "written for another key", "corrupt: <parse error>".
  std::string miss_reason;
};

class PriceCache {
 public:
  explicit PriceCache(PriceCacheOptions options);

  std::string PathFor(const PriceCacheKey& key) const;

  /// Reads the entry under a shared lock. A corrupt or stale file is a miss, not an
  /// error; errors are only for the directory or lock file (Io).
  Result<CacheLookup> Load(const PriceCacheKey& key) const;

  /// Writes the entry (fetched now) under an exclusive lock.
  Status Store(const PriceCacheKey& key, const Catalog& catalog) const;

  /// The fresh entry, or `fetch()` stored and returned; the exclusive lock is held
  /// throughout. `hit` (optional) tells which. A fetch error is returned as is and
  /// leaves the file untouched.
  Result<Catalog> GetOrFetch(const PriceCacheKey& key, const std::function<Result<Catalog>()>& fetch,
                             bool* hit = nullptr) const;

 private:
  CacheLookup LoadLocked(const PriceCacheKey& key) const;
  Status StoreLocked(const PriceCacheKey& key, const Catalog& catalog) const;
  SystemTime Now() const;

  PriceCacheOptions options_;
};

}  // namespace cloud_tasks::compute::selection
