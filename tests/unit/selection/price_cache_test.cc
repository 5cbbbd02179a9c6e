#include "compute/selection/price_cache.h"

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "compute/selection/catalog_json.h"
#include "core/files.h"
#include "core/json.h"

namespace cloud_tasks::compute::selection {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

Catalog Sample(double price = 0.268066) {
  Catalog c;
  c.provider = "gcp";
  c.region = "us-central1";
  CatalogType ct;
  ct.type.name = "e2-standard-8";
  ct.type.vcpu = 8;
  ct.type.mem_gb = 32;
  ct.type.architecture = "X86_64";
  ct.type.supports_spot = true;
  ct.type.cpu_family = "Intel Broadwell";
  ct.type.cpu_rank = 7;
  ct.type.boot_disk_types = {"pd-standard", "pd-ssd"};
  ct.zones.push_back(ZonePrice{"us-central1-a", price, 0.1 / 3});
  ct.zones.push_back(ZonePrice{"us-central1-f", price, std::nullopt});
  c.types.push_back(ct);
  BootDiskRate r;
  r.type = "pd-standard";
  r.per_gb_hour = 0.04 / 730.5;
  c.boot_disks.push_back(r);
  return c;
}

PriceCacheKey Key() { return PriceCacheKey{"gcp", "my-project", "us-central1"}; }

class PriceCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::path(::testing::TempDir()) /
            ("price_cache_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  PriceCacheOptions Options() {
    PriceCacheOptions o;
    o.directory = dir_;
    o.now = [this] { return now_; };
    return o;
  }

  std::string dir_;
  SystemTime now_ = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::from_time_t(1'800'000'000));
};

TEST_F(PriceCacheTest, StoreThenLoadRoundTripsExactly) {
  PriceCache cache(Options());
  Catalog c = Sample();
  ASSERT_TRUE(cache.Store(Key(), c).ok());
  auto got = cache.Load(Key());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(got->catalog.has_value()) << got->miss_reason;
  EXPECT_EQ(CatalogToJson(*got->catalog), CatalogToJson(c));
  EXPECT_EQ(got->catalog->types[0].zones[0].spot, 0.1 / 3);  // doubles round-trip
  EXPECT_FALSE(got->catalog->types[0].zones[1].spot.has_value());
}

TEST_F(PriceCacheTest, FileIsPrivateAndNamedForTheKey) {
  PriceCache cache(Options());
  ASSERT_TRUE(cache.Store(PriceCacheKey{"gcp", "proj:x/y", "us-central1"}, Sample()).ok());
  std::string path = cache.PathFor(PriceCacheKey{"gcp", "proj:x/y", "us-central1"});
  EXPECT_EQ(std::filesystem::path(path).filename(), "prices_gcp_proj_x_y_us-central1.json");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(PriceCacheTest, MissingEntryIsAMiss) {
  PriceCache cache(Options());
  auto got = cache.Load(Key());
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->catalog.has_value());
  EXPECT_EQ(got->miss_reason, "missing");
}

TEST_F(PriceCacheTest, EntriesExpireAfterTheTtl) {
  PriceCache cache(Options());
  ASSERT_TRUE(cache.Store(Key(), Sample()).ok());
  now_ += 23h + 59min;
  EXPECT_TRUE(cache.Load(Key())->catalog.has_value());
  now_ += 2min;
  auto got = cache.Load(Key());
  EXPECT_FALSE(got->catalog.has_value());
  EXPECT_EQ(got->miss_reason, "expired (age 24h)");
  PriceCacheOptions longer = Options();
  longer.ttl = 48h;
  EXPECT_TRUE(PriceCache(longer).Load(Key())->catalog.has_value());
}

TEST_F(PriceCacheTest, RefreshBypassesAFreshEntry) {
  ASSERT_TRUE(PriceCache(Options()).Store(Key(), Sample()).ok());
  PriceCacheOptions o = Options();
  o.refresh = true;
  PriceCache cache(o);
  EXPECT_EQ(cache.Load(Key())->miss_reason, "refresh requested");
  int fetches = 0;
  bool hit = true;
  auto got = cache.GetOrFetch(
      Key(),
      [&]() -> Result<Catalog> {
        ++fetches;
        return Sample(0.5);
      },
      &hit);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(hit);
  EXPECT_EQ(fetches, 1);
  EXPECT_EQ(PriceCache(Options()).Load(Key())->catalog->types[0].zones[0].on_demand, 0.5);  // rewritten
}

TEST_F(PriceCacheTest, OtherKeysDoNotShareEntries) {
  PriceCache cache(Options());
  ASSERT_TRUE(cache.Store(Key(), Sample()).ok());
  EXPECT_FALSE(cache.Load(PriceCacheKey{"gcp", "my-project", "us-east1"})->catalog.has_value());
  EXPECT_FALSE(cache.Load(PriceCacheKey{"aws", "my-project", "us-central1"})->catalog.has_value());
}

// Rewrites the stored JSON through `edit`.
void EditFile(const std::string& path, const std::function<void(Json&)>& edit) {
  auto text = ReadFileToString(path);
  ASSERT_TRUE(text.ok());
  Json j = Json::parse(*text);
  edit(j);
  ASSERT_TRUE(WriteFileAtomic(path, j.dump()).ok());
}

TEST_F(PriceCacheTest, VersionMismatchIsAMiss) {
  PriceCache cache(Options());
  ASSERT_TRUE(cache.Store(Key(), Sample()).ok());
  EditFile(cache.PathFor(Key()), [](Json& j) { j["version"] = 0; });
  auto got = cache.Load(Key());
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->catalog.has_value());
  EXPECT_EQ(got->miss_reason, "version 0 != 1");
}

TEST_F(PriceCacheTest, KeyWrittenIntoTheFileIsChecked) {
  PriceCache cache(Options());
  ASSERT_TRUE(cache.Store(Key(), Sample()).ok());
  EditFile(cache.PathFor(Key()), [](Json& j) { j["region"] = "elsewhere"; });
  EXPECT_EQ(cache.Load(Key())->miss_reason, "written for another key");
}

TEST_F(PriceCacheTest, CorruptFilesAreMissesAndGetReplaced) {
  PriceCache cache(Options());
  const std::string path = cache.PathFor(Key());
  std::filesystem::create_directories(dir_);
  const std::pair<std::string, std::string> cases[] = {
      {"not json at all", "corrupt: not a JSON object"},
      {"{\"format\": \"cloud_tasks.price_cache\", \"version\": 1, \"provi", "corrupt: not a JSON object"},
      {"[1, 2, 3]", "corrupt: not a JSON object"},
      {"{\"format\": \"something else\", \"version\": 1}", "corrupt: not a price cache file"},
  };
  for (const auto& [text, reason] : cases) {
    ASSERT_TRUE(WriteFileAtomic(path, text).ok());
    auto got = cache.Load(Key());
    ASSERT_TRUE(got.ok());
    EXPECT_FALSE(got->catalog.has_value()) << text;
    EXPECT_EQ(got->miss_reason, reason) << text;
  }
  ASSERT_TRUE(cache.Store(Key(), Sample()).ok());
  EditFile(path, [](Json& j) { j["catalog"]["types"][0]["vcpu"] = "eight"; });
  EXPECT_THAT(cache.Load(Key())->miss_reason, HasSubstr("corrupt: catalog JSON"));
  EditFile(path, [](Json& j) { j["fetched_at"] = "yesterday"; });
  EXPECT_EQ(cache.Load(Key())->miss_reason, "corrupt: bad fetched_at");
  bool hit = true;
  auto got = cache.GetOrFetch(
      Key(), [] { return Result<Catalog>(Sample()); }, &hit);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(hit);
  EXPECT_TRUE(cache.Load(Key())->catalog.has_value());
}

TEST_F(PriceCacheTest, GetOrFetchFetchesOnceThenHits) {
  PriceCache cache(Options());
  int fetches = 0;
  auto fetch = [&]() -> Result<Catalog> {
    ++fetches;
    return Sample();
  };
  bool hit = true;
  ASSERT_TRUE(cache.GetOrFetch(Key(), fetch, &hit).ok());
  EXPECT_FALSE(hit);
  auto again = cache.GetOrFetch(Key(), fetch, &hit);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(hit);
  EXPECT_EQ(fetches, 1);
  EXPECT_EQ(again->types[0].type.name, "e2-standard-8");
}

TEST_F(PriceCacheTest, FetchErrorIsReturnedAndNothingIsWritten) {
  PriceCache cache(Options());
  auto got = cache.GetOrFetch(Key(), [] { return Result<Catalog>(UnavailableError("billing API down")); });
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message(), "billing API down");
  EXPECT_FALSE(FileExists(cache.PathFor(Key())));
}

TEST_F(PriceCacheTest, UnusableDirectoryIsAnError) {
  PriceCacheOptions o = Options();
  o.directory = "/proc/self/cannot_create_here";
  auto got = PriceCache(o).Load(Key());
  ASSERT_FALSE(got.ok());
  EXPECT_THAT(got.status().message(), HasSubstr("price cache directory"));
  o.directory = "";
  EXPECT_FALSE(PriceCache(o).Store(Key(), Sample()).ok());
}

// Runs `body` in `n` child processes at once; returns how many exited with status 0.
int RunChildren(int n, const std::function<int(int)>& body) {
  std::vector<pid_t> pids;
  for (int i = 0; i < n; ++i) {
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(body(i));
    pids.push_back(pid);
  }
  int ok = 0;
  for (pid_t pid : pids) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    ok += WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  return ok;
}

TEST_F(PriceCacheTest, ConcurrentWritersLeaveAParsableFile) {
  PriceCache cache(Options());
  constexpr int kWriters = 6;
  constexpr int kRounds = 25;
  int ok = RunChildren(kWriters, [&](int i) {
    // Each writer stores a catalog of its own size, so a torn file could not parse.
    Catalog c = Sample(0.1 * (i + 1));
    for (int t = 0; t < 50 * (i + 1); ++t) c.types.push_back(c.types[0]);
    for (int r = 0; r < kRounds; ++r) {
      if (!cache.Store(Key(), c).ok()) return 1;
      auto got = cache.Load(Key());
      if (!got.ok() || !got->catalog) return 2;
      if (got->catalog->types.size() !=
          1 + 50 * static_cast<size_t>(got->catalog->types[0].zones[0].on_demand.value() / 0.1 + 0.5)) {
        return 3;  // a mix of two writers' content
      }
    }
    return 0;
  });
  EXPECT_EQ(ok, kWriters);
  auto got = cache.Load(Key());
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->catalog.has_value()) << got->miss_reason;
  // No temporary files are left behind.
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_THAT(entry.path().filename().string(), ::testing::Not(HasSubstr(".tmp.")));
  }
}

TEST_F(PriceCacheTest, ConcurrentGetOrFetchFetchesOnce) {
  PriceCache cache(Options());
  const std::string log = dir_ + "/fetches.log";
  std::filesystem::create_directories(dir_);
  int ok = RunChildren(5, [&](int) {
    auto got = cache.GetOrFetch(Key(), [&]() -> Result<Catalog> {
      int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (fd < 0 || ::write(fd, "x\n", 2) != 2) return InternalError("log");
      ::close(fd);
      std::this_thread::sleep_for(50ms);  // a slow price listing
      return Sample();
    });
    return got.ok() ? 0 : 1;
  });
  EXPECT_EQ(ok, 5);
  auto lines = ReadFileToString(log);
  ASSERT_TRUE(lines.ok());
  EXPECT_EQ(*lines, "x\n");
}

}  // namespace
}  // namespace cloud_tasks::compute::selection
