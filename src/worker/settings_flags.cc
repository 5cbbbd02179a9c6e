#include "worker/settings_flags.h"

#include <fmt/format.h>

namespace cloud_tasks::worker {
namespace {

template <SettingType T, typename V>
void Add(CLI::App& app, std::optional<V>& field, const char* flag, const char* env, const char* def,
         const char* help) {
  std::string text = fmt::format("{} [{}]{}", help, env, *def ? fmt::format(" (default: {})", def) : "");
  std::string name = std::string("--") + flag;
  if constexpr (T == SettingType::kBool) {
    auto* yes = app.add_flag_callback(
        name, [&field] { field = true; }, text);
    auto* no = app.add_flag_callback(
        std::string("--no-") + flag, [&field] { field = false; }, "Opposite of " + name);
    yes->excludes(no);
  } else {
    app.add_option_function<V>(
        name, [&field](const V& v) { field = v; }, text);
  }
}

}  // namespace

void AddWorkerFlags(CLI::App& app, WorkerSettings& settings) {
#define CT_WORKER_FLAG(field, kind, flag, env, def, help) \
  Add<SettingType::kind>(app, settings.field, flag, env, def, help);
  CT_WORKER_SETTINGS(CT_WORKER_FLAG)
#undef CT_WORKER_FLAG
}

}  // namespace cloud_tasks::worker
