// YAML task files: one document whose top level is a sequence of task mappings, read
// item by item with libyaml's event parser (so comments, `---`, multi-line and flow
// values all work, unlike the original's textual splitter).
#include <vector>

#include "taskfile/task_source.h"
#include "taskfile/yaml_event_stream.h"
#include "taskfile/yaml_json_builder.h"

namespace cloud_tasks::taskfile {
namespace {

using KeyInfo = YamlJsonBuilder::KeyInfo;

class YamlTaskSource : public TaskReader {
 public:
  YamlTaskSource(std::string path, std::unique_ptr<ByteSource> bytes, SourceOptions options)
      : events_(std::move(path), std::move(bytes)), builder_(events_), capture_(options.capture_data) {}

  Result<bool> Next(Task& out) override {
    if (!error_.ok()) return error_;
    Result<bool> got = Step(out);
    if (!got.ok()) error_ = got.status();
    return got;
  }

 private:
  enum class State { kStart, kItems, kDone };

  Result<bool> Step(Task& out) {
    if (state_ == State::kDone) return false;
    if (state_ == State::kStart) {
      CT_RETURN_IF_ERROR(OpenSequence());
      state_ = State::kItems;
    }
    CT_RETURN_IF_ERROR(events_.Next());
    if (events_.event().type == YAML_SEQUENCE_END_EVENT) {
      CT_RETURN_IF_ERROR(Finish());
      state_ = State::kDone;
      return false;
    }
    events_.set_context("task " + std::to_string(index_) + ": ");
    Status item = Item(out);
    events_.set_context("");
    CT_RETURN_IF_ERROR(item);
    return true;
  }

  // Stream start, document start, and the top-level sequence.
  Status OpenSequence() {
    CT_RETURN_IF_ERROR(events_.Next());  // STREAM-START
    CT_RETURN_IF_ERROR(events_.Next());
    if (events_.event().type == YAML_STREAM_END_EVENT) {
      return events_.ErrorAt(events_.event().start_mark,
                             "the file is empty: expected a YAML sequence of tasks");
    }
    CT_RETURN_IF_ERROR(events_.Next());  // the document's root node
    const yaml_event_t& root = events_.event();
    const yaml_mark_t mark = root.start_mark;
    if (root.type == YAML_SEQUENCE_START_EVENT) {
      auto* tag = reinterpret_cast<const char*>(root.data.sequence_start.tag);
      std::string_view t = tag == nullptr ? "" : tag;
      if (t.empty() || t == "!" || t == "tag:yaml.org,2002:seq") return OkStatus();
    }
    Json value;  // build it to name its type (or report its own error)
    CT_RETURN_IF_ERROR(builder_.Build(value));
    return events_.ErrorAt(mark, std::string("the top level must be a YAML sequence of task mappings (got ") +
                                     YamlJsonBuilder::TypeName(value) + ")");
  }

  // After the sequence: the document must end and no other document may follow.
  Status Finish() {
    CT_RETURN_IF_ERROR(events_.Next());  // DOCUMENT-END
    CT_RETURN_IF_ERROR(events_.Next());
    if (events_.event().type == YAML_DOCUMENT_START_EVENT) {
      return events_.ErrorAt(events_.event().start_mark,
                             "a task file holds one YAML document, found a second one");
    }
    return OkStatus();
  }

  // The entry for `name` among the item's explicit keys (null when absent or merged in);
  // a repeated key is an error.
  Status FindKey(const std::vector<KeyInfo>& keys, std::string_view name, const KeyInfo** found) {
    *found = nullptr;
    for (const KeyInfo& key : keys) {
      if (key.key != name) continue;
      if (*found != nullptr) {
        return events_.ErrorAt(key.key_mark,
                               "duplicate key \"" + std::string(name) + "\" in the task mapping");
      }
      *found = &key;
    }
    return OkStatus();
  }

  Status CheckTaskId(const Json& item, const std::vector<KeyInfo>& keys, const yaml_mark_t& mark);
  Status CheckData(const Json& item, const std::vector<KeyInfo>& keys, const yaml_mark_t& mark);
  Status Item(Task& out);

  YamlEventStream events_;
  YamlJsonBuilder builder_;
  bool capture_;
  State state_ = State::kStart;
  uint64_t index_ = 0;
  Status error_;
};

Status YamlTaskSource::CheckTaskId(const Json& item, const std::vector<KeyInfo>& keys,
                                   const yaml_mark_t& mark) {
  const KeyInfo* key = nullptr;
  CT_RETURN_IF_ERROR(FindKey(keys, "task_id", &key));
  auto it = item.find("task_id");
  if (it == item.end()) return events_.ErrorAt(mark, "missing \"task_id\" (a non-empty string)");
  if (it->is_string() && !it->get_ref<const std::string&>().empty()) return OkStatus();
  std::string got = it->is_string() ? "empty string" : YamlJsonBuilder::TypeName(*it);
  std::string message = "\"task_id\" must be a non-empty string (got " + got + ")";
  if (key != nullptr && key->plain_scalar && !it->is_string() && !key->scalar_text.empty()) {
    message += "; quote it: task_id: \"" + key->scalar_text + "\"";
  }
  return events_.ErrorAt(key != nullptr ? key->value_mark : mark, message);
}

Status YamlTaskSource::CheckData(const Json& item, const std::vector<KeyInfo>& keys,
                                 const yaml_mark_t& mark) {
  const KeyInfo* key = nullptr;
  CT_RETURN_IF_ERROR(FindKey(keys, "data", &key));
  auto it = item.find("data");
  if (it == item.end()) return events_.ErrorAt(mark, "missing \"data\" (a mapping)");
  if (it->is_object()) return OkStatus();
  return events_.ErrorAt(
      key != nullptr ? key->value_mark : mark,
      std::string("\"data\" must be a mapping (got ") + YamlJsonBuilder::TypeName(*it) + ")");
}

Status YamlTaskSource::Item(Task& out) {
  const yaml_mark_t mark = events_.event().start_mark;
  const bool is_mapping = events_.event().type == YAML_MAPPING_START_EVENT;
  builder_.StartTask();
  Json item;
  std::vector<KeyInfo> keys;
  CT_RETURN_IF_ERROR(is_mapping ? builder_.BuildMapping(item, &keys) : builder_.Build(item));
  if (!item.is_object()) {
    return events_.ErrorAt(
        mark, std::string("a task must be a mapping (got ") + YamlJsonBuilder::TypeName(item) + ")");
  }
  CT_RETURN_IF_ERROR(CheckTaskId(item, keys, mark));
  CT_RETURN_IF_ERROR(CheckData(item, keys, mark));
  out.task_id = item["task_id"].get<std::string>();
  out.data_json.clear();
  if (capture_) out.data_json = item["data"].dump(-1, ' ', false, Json::error_handler_t::replace);
  out.index = index_++;
  out.line = mark.line + 1;
  out.column = mark.column + 1;
  return OkStatus();
}

}  // namespace

std::unique_ptr<TaskReader> MakeYamlTaskSource(std::string path, std::unique_ptr<ByteSource> bytes,
                                               SourceOptions options) {
  return std::make_unique<YamlTaskSource>(std::move(path), std::move(bytes), options);
}

}  // namespace cloud_tasks::taskfile
