#include "orchestrator/startup_script.h"

#include <fmt/format.h>

#include <cmath>
#include <utility>
#include <vector>

#include "core/strings.h"

namespace cloud_tasks::orchestrator {
namespace {

constexpr std::string_view kNotBash = "Startup script uses shell other than bash; this is not supported";

struct Variable {
  std::string_view name;
  std::string value;
};

// The worker (worker/settings.cc) reads a boolean as true for `1` or `true` in any
// case; the original wrote Python's True/False.
std::string Bool(bool b) { return b ? "True" : "False"; }

class VariableList {
 public:
  void Add(std::string_view name, std::string value) { vars_.push_back({name, std::move(value)}); }
  void Add(std::string_view name, bool value) { Add(name, Bool(value)); }
  void Add(std::string_view name, int64_t value) { Add(name, std::to_string(value)); }
  void Add(std::string_view name, double value) {
    if (!std::isfinite(value)) {
      if (status_.ok())
        status_ = InvalidArgumentError(fmt::format("startup script: {} must be a finite number", name));
      return;
    }
    Add(name, fmt::format("{}", value));  // shortest form that reads back exactly
  }
  template <typename T>
  void AddIfSet(std::string_view name, const std::optional<T>& value) {
    if (value) Add(name, *value);
  }

  Result<std::string> Exports() const {
    if (!status_.ok()) return status_;
    std::string out;
    for (const auto& v : vars_) {
      if (v.value.find('\0') != std::string::npos)
        return InvalidArgumentError(
            fmt::format("startup script: the value of {} contains a NUL byte", v.name));
      out += fmt::format("export {}={}\n", v.name, ShellQuote(v.value));
    }
    return out;
  }

 private:
  std::vector<Variable> vars_;
  Status status_;
};

Result<std::string> ProviderName(const std::string& provider) {
  std::string lower = ToLower(provider);
  if (lower == "aws" || lower == "gcp" || lower == "local") return ToUpper(lower);
  return InvalidArgumentError(
      fmt::format("startup script: provider must be aws, gcp or local (got '{}')", provider));
}

Result<std::string> ExportBlock(const StartupValues& v) {
  CT_ASSIGN_OR_RETURN(std::string provider, ProviderName(v.provider));
  VariableList vars;
  vars.Add("RMS_CLOUD_TASKS_PROVIDER", provider);
  if (provider == "GCP" && v.project_id && !v.project_id->empty())
    vars.Add("RMS_CLOUD_TASKS_PROJECT_ID", *v.project_id);
  vars.Add("RMS_CLOUD_TASKS_JOB_ID", v.job_id);
  vars.Add("RMS_CLOUD_TASKS_QUEUE_NAME", v.queue_name);
  vars.Add("RMS_CLOUD_TASKS_EXACTLY_ONCE_QUEUE", v.exactly_once_queue);  // BUG-ORC-04
  vars.Add("RMS_CLOUD_TASKS_EVENT_LOG_TO_QUEUE", std::string("1"));
  vars.Add("RMS_CLOUD_TASKS_INSTANCE_TYPE", v.instance_type);
  vars.Add("RMS_CLOUD_TASKS_INSTANCE_NUM_VCPUS", v.num_vcpus);
  vars.Add("RMS_CLOUD_TASKS_INSTANCE_MEM_GB", v.memory_gb);
  vars.Add("RMS_CLOUD_TASKS_INSTANCE_SSD_GB", v.local_ssd_gb);
  vars.Add("RMS_CLOUD_TASKS_INSTANCE_BOOT_DISK_GB", v.boot_disk_gb);
  vars.Add("RMS_CLOUD_TASKS_INSTANCE_IS_SPOT", v.is_spot);
  vars.Add("RMS_CLOUD_TASKS_INSTANCE_PRICE", v.price_per_hour);
  vars.Add("RMS_CLOUD_TASKS_NUM_TASKS_PER_INSTANCE", v.tasks_per_instance);
  vars.Add("RMS_CLOUD_TASKS_MAX_RUNTIME", v.max_runtime);
  vars.Add("RMS_CLOUD_TASKS_RETRY_ON_EXIT", v.retry_on_exit);
  vars.Add("RMS_CLOUD_TASKS_RETRY_ON_EXCEPTION", v.retry_on_exception);
  vars.Add("RMS_CLOUD_TASKS_RETRY_ON_TIMEOUT", v.retry_on_timeout);  // BUG-ORC-04
  vars.AddIfSet("RMS_CLOUD_TASKS_KEEPALIVE_INTERVAL", v.keepalive_interval);
  vars.AddIfSet("RMS_CLOUD_TASKS_MAX_MEMORY_ALLOWED_PER_TASK", v.max_memory_allowed_per_task);
  vars.AddIfSet("RMS_CLOUD_TASKS_LOCAL_QUEUE_DIR", v.local_queue_dir);
  return vars.Exports();
}

// "#!/bin/bash", "#! /usr/local/bin/bash -e", "#!/usr/bin/env bash".
bool ShebangRunsBash(std::string_view line) {
  std::vector<std::string> words = SplitAny(line.substr(2), " \t");
  if (words.empty()) return false;
  if (EndsWith(words[0], "/bash")) return true;
  return EndsWith(words[0], "/env") && words.size() >= 2 && words[1] == "bash";
}

}  // namespace

Result<std::string> RenderStartupScript(std::string_view user_script, const StartupValues& values) {
  std::string without_cr;
  without_cr.reserve(user_script.size());
  for (char c : user_script)
    if (c != '\r') without_cr += c;
  std::string_view script = Trim(without_cr);
  if (script.empty())
    return InvalidArgumentError(
        "the startup script is empty: set startup_script or startup_script_file in the configuration "
        "(or give --startup-script-file)");

  std::string_view first_line;
  std::string_view rest = script;
  if (StartsWith(script, "#!")) {
    size_t newline = script.find('\n');
    first_line = Trim(script.substr(0, newline));
    rest = newline == std::string_view::npos ? std::string_view() : script.substr(newline + 1);
    if (!ShebangRunsBash(first_line)) return InvalidArgumentError(std::string(kNotBash));
  }
  CT_ASSIGN_OR_RETURN(std::string exports, ExportBlock(values));

  std::string out;
  if (!first_line.empty()) {
    out += first_line;
    out += '\n';
  }
  out += exports;
  out += rest;
  if (!rest.empty()) out += '\n';
  return out;
}

}  // namespace cloud_tasks::orchestrator
