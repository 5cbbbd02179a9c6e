#include "compute/selection/price_cache.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include "compute/selection/catalog_json.h"
#include "core/files.h"
#include "core/json.h"

namespace cloud_tasks::compute::selection {
namespace {

constexpr std::string_view kFormat = "cloud_tasks.price_cache";

std::string Sanitize(const std::string& s) {
  if (s.empty()) return "default";
  std::string out = s;
  for (char& c : out) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!ok) c = '_';
  }
  return out;
}

// flock on <path>.lock, released on destruction.
class FileLock {
 public:
  static Result<FileLock> Acquire(const std::string& path, bool exclusive) {
    FileLock lock;
    lock.fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock.fd_ < 0) return ErrnoError("cannot open the price cache lock '" + path + "'", errno);
    while (::flock(lock.fd_, exclusive ? LOCK_EX : LOCK_SH) != 0) {
      if (errno != EINTR) return ErrnoError("cannot lock '" + path + "'", errno);
    }
    return lock;
  }
  FileLock(FileLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  FileLock& operator=(FileLock&&) = delete;
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
  }

 private:
  FileLock() = default;
  int fd_ = -1;
};

Status EnsureDirectory(const std::string& dir) {
  if (dir.empty()) return InvalidArgumentError("price cache: no directory given");
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return OkStatus();
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create the price cache directory '" + dir + "': " + ec.message());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  return OkStatus();
}

std::string FormatAge(std::chrono::seconds age) {
  auto h = std::chrono::duration_cast<std::chrono::hours>(age).count();
  return h > 0 ? fmt::format("{}h", h) : fmt::format("{}s", age.count());
}

}  // namespace

PriceCache::PriceCache(PriceCacheOptions options) : options_(std::move(options)) {}

SystemTime PriceCache::Now() const { return options_.now ? options_.now() : NowUtc(); }

std::string PriceCache::PathFor(const PriceCacheKey& key) const {
  return (std::filesystem::path(options_.directory) /
          ("prices_" + Sanitize(key.provider) + "_" + Sanitize(key.project) + "_" + Sanitize(key.region) +
           ".json"))
      .string();
}

CacheLookup PriceCache::LoadLocked(const PriceCacheKey& key) const {
  CacheLookup out;
  const std::string path = PathFor(key);
  if (options_.refresh) {
    out.miss_reason = "refresh requested";
    return out;
  }
  if (!FileExists(path)) {
    out.miss_reason = "missing";
    return out;
  }
  auto text = ReadFileToString(path);
  if (!text.ok()) {
    out.miss_reason = "unreadable: " + text.status().message();
    return out;
  }
  Json j = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    out.miss_reason = "corrupt: not a JSON object";
    return out;
  }
  if (j.value("format", "") != kFormat || !j.contains("version") || !j["version"].is_number_integer()) {
    out.miss_reason = "corrupt: not a price cache file";
    return out;
  }
  if (int v = j["version"].get<int>(); v != kPriceCacheVersion) {
    out.miss_reason = fmt::format("version {} != {}", v, kPriceCacheVersion);
    return out;
  }
  if (j.value("provider", "") != key.provider || j.value("project", "") != key.project ||
      j.value("region", "") != key.region) {
    out.miss_reason = "written for another key";
    return out;
  }
  auto fetched = ParseIsoTime(j.value("fetched_at", ""));
  if (!fetched.ok()) {
    out.miss_reason = "corrupt: bad fetched_at";
    return out;
  }
  auto age = std::chrono::duration_cast<std::chrono::seconds>(Now() - *fetched);
  if (age > options_.ttl || age < -std::chrono::minutes(5)) {
    out.miss_reason = "expired (age " + FormatAge(age) + ")";
    return out;
  }
  auto catalog = CatalogFromJson(j.contains("catalog") ? j["catalog"] : Json());
  if (!catalog.ok()) {
    out.miss_reason = "corrupt: " + catalog.status().message();
    return out;
  }
  out.catalog = std::move(*catalog);
  return out;
}

Status PriceCache::StoreLocked(const PriceCacheKey& key, const Catalog& catalog) const {
  Json j = {{"format", kFormat},
            {"version", kPriceCacheVersion},
            {"provider", key.provider},
            {"project", key.project},
            {"region", key.region},
            {"fetched_at", FormatIsoUtc(Now())},
            {"catalog", CatalogToJson(catalog)}};
  return WriteFileAtomic(PathFor(key), j.dump(), 0600);
}

Result<CacheLookup> PriceCache::Load(const PriceCacheKey& key) const {
  CT_RETURN_IF_ERROR(EnsureDirectory(options_.directory));
  CT_ASSIGN_OR_RETURN(FileLock lock, FileLock::Acquire(PathFor(key) + ".lock", false));
  return LoadLocked(key);
}

Status PriceCache::Store(const PriceCacheKey& key, const Catalog& catalog) const {
  CT_RETURN_IF_ERROR(EnsureDirectory(options_.directory));
  CT_ASSIGN_OR_RETURN(FileLock lock, FileLock::Acquire(PathFor(key) + ".lock", true));
  return StoreLocked(key, catalog);
}

Result<Catalog> PriceCache::GetOrFetch(const PriceCacheKey& key,
                                       const std::function<Result<Catalog>()>& fetch, bool* hit) const {
  CT_RETURN_IF_ERROR(EnsureDirectory(options_.directory));
  CT_ASSIGN_OR_RETURN(FileLock lock, FileLock::Acquire(PathFor(key) + ".lock", true));
  CacheLookup found = LoadLocked(key);
  if (hit) *hit = found.catalog.has_value();
  if (found.catalog) return std::move(*found.catalog);
  CT_ASSIGN_OR_RETURN(Catalog fresh, fetch());
  CT_RETURN_IF_ERROR(StoreLocked(key, fresh).WithContext("cannot write the price cache"));
  return fresh;
}

}  // namespace cloud_tasks::compute::selection
