#include "core/strings.h"
#include "taskfile/task_reader.h"

namespace cloud_tasks::taskfile {

Result<FormatInfo> DetectFormat(const std::string& path) {
  std::string name = ToLower(path);
  FormatInfo info{Format::kJson, false};
  if (EndsWith(name, ".gz")) {
    info.gzip = true;
    name.resize(name.size() - 3);
  }
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".ndjson")) {
    info.format = Format::kJsonLines;
  } else if (EndsWith(name, ".json")) {
    info.format = Format::kJson;
  } else if (EndsWith(name, ".yaml") || EndsWith(name, ".yml")) {
    info.format = Format::kYaml;
  } else {
    return InvalidArgumentError("Unsupported file format for tasks: " + path +
                                " (must end in .json, .jsonl, .yaml or .yml, optionally "
                                "followed by .gz)");
  }
  return info;
}

}  // namespace cloud_tasks::taskfile
