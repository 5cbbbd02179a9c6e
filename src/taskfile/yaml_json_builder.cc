#include "taskfile/yaml_json_builder.h"

#include <cmath>
#include <cstring>
#include <string_view>

#include "core/yaml_scalar.h"

namespace cloud_tasks::taskfile {
namespace {

constexpr std::string_view kYamlTagPrefix = "tag:yaml.org,2002:";
constexpr uint64_t kNodeOverhead = 16;  // rough bytes per node, for the memory budgets

std::string_view AsView(const yaml_char_t* text) {
  return text == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(text));
}

// "tag:yaml.org,2002:int" -> "!!int", for messages.
std::string ShortTag(std::string_view tag) {
  if (tag.substr(0, kYamlTagPrefix.size()) == kYamlTagPrefix) {
    return "!!" + std::string(tag.substr(kYamlTagPrefix.size()));
  }
  return std::string(tag);
}

bool IsStandardScalarTag(std::string_view tag) {
  for (std::string_view kind : {"str", "int", "float", "bool", "null"}) {
    if (tag.size() == kYamlTagPrefix.size() + kind.size() &&
        tag.substr(0, kYamlTagPrefix.size()) == kYamlTagPrefix && tag.substr(kYamlTagPrefix.size()) == kind) {
      return true;
    }
  }
  return false;
}

std::string TagNotAllowed(std::string_view tag) {
  return "tags are not allowed: " + ShortTag(tag) +
         " (only the standard !!str, !!int, !!float, !!bool, !!null, !!seq and !!map)";
}

bool IsPlainUntagged(const yaml_event_t& ev) {
  return ev.type == YAML_SCALAR_EVENT && ev.data.scalar.tag == nullptr &&
         ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

std::string_view ScalarText(const yaml_event_t& ev) {
  return std::string_view(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
}

}  // namespace

const char* YamlJsonBuilder::TypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      return "string";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "int";
    case Json::value_t::number_float:
      return "float";
    case Json::value_t::boolean:
      return "bool";
    case Json::value_t::null:
      return "null";
    case Json::value_t::array:
      return "sequence";
    case Json::value_t::object:
      return "mapping";
    default:
      return "value";
  }
}

Status YamlJsonBuilder::Build(Json& out) {
  const yaml_event_t& ev = events_.event();
  const yaml_event_type_t type = ev.type;
  const yaml_mark_t mark = ev.start_mark;
  std::string anchor;
  if (type == YAML_SCALAR_EVENT) anchor = AsView(ev.data.scalar.anchor);
  if (type == YAML_SEQUENCE_START_EVENT) anchor = AsView(ev.data.sequence_start.anchor);
  if (type == YAML_MAPPING_START_EVENT) anchor = AsView(ev.data.mapping_start.anchor);
  const uint64_t before = task_bytes_;
  // A node's own anchor is not visible inside it (recursive aliases cannot be JSON).
  if (!anchor.empty()) ForgetAnchor(anchor);
  switch (type) {
    case YAML_ALIAS_EVENT:
      return Alias(out);
    case YAML_SCALAR_EVENT:
      CT_RETURN_IF_ERROR(Scalar(out));
      break;
    case YAML_SEQUENCE_START_EVENT:
      CT_RETURN_IF_ERROR(Sequence(out));
      break;
    case YAML_MAPPING_START_EVENT:
      CT_RETURN_IF_ERROR(BuildMapping(out, nullptr));
      break;
    default:
      return events_.ErrorAt(mark, "invalid YAML: unexpected event");
  }
  if (anchor.empty()) return OkStatus();
  return StoreAnchor(anchor, out, task_bytes_ - before, mark);
}

Status YamlJsonBuilder::Scalar(Json& out) {
  const yaml_event_t& ev = events_.event();
  std::string_view text = ScalarText(ev);
  std::string_view tag = AsView(ev.data.scalar.tag);
  CT_RETURN_IF_ERROR(Charge(kNodeOverhead + text.size(), ev.start_mark));
  if (!tag.empty() && tag != "!") {
    if (!ResolveTaggedScalar(tag, text, out)) {
      if (!IsStandardScalarTag(tag)) return events_.ErrorAt(ev.start_mark, TagNotAllowed(tag));
      return events_.ErrorAt(ev.start_mark,
                             "invalid value for " + ShortTag(tag) + ": " + Json(std::string(text)).dump());
    }
    // !!float 1 is the float 1.0 (ResolveTaggedScalar accepts it as an integer).
    if (tag == "tag:yaml.org,2002:float" && out.is_number_integer()) out = out.get<double>();
  } else if (!tag.empty() || ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
    out = std::string(text);
  } else {
    out = ResolvePlainScalar(text);
  }
  if (out.is_number_float() && !std::isfinite(out.get<double>())) {
    return events_.ErrorAt(ev.start_mark, "the value " + std::string(text) +
                                              " is not a finite number, which JSON cannot represent "
                                              "(quote it to keep it as a string)");
  }
  return OkStatus();
}

Status YamlJsonBuilder::CheckCollectionTag(const yaml_char_t* tag, const char* standard) {
  std::string_view t = AsView(tag);
  if (t.empty() || t == "!" || t == std::string(kYamlTagPrefix) + standard) return OkStatus();
  return events_.ErrorAt(events_.event().start_mark, TagNotAllowed(t));
}

Status YamlJsonBuilder::Sequence(Json& out) {
  CT_RETURN_IF_ERROR(CheckCollectionTag(events_.event().data.sequence_start.tag, "seq"));
  CT_RETURN_IF_ERROR(Charge(kNodeOverhead, events_.event().start_mark));
  out = Json::array();
  for (;;) {
    CT_RETURN_IF_ERROR(events_.Next());
    if (events_.event().type == YAML_SEQUENCE_END_EVENT) return OkStatus();
    Json item;
    CT_RETURN_IF_ERROR(Build(item));
    out.push_back(std::move(item));
  }
}

Status YamlJsonBuilder::BuildMapping(Json& out, std::vector<KeyInfo>* keys) {
  CT_RETURN_IF_ERROR(CheckCollectionTag(events_.event().data.mapping_start.tag, "map"));
  CT_RETURN_IF_ERROR(Charge(kNodeOverhead, events_.event().start_mark));
  out = Json::object();
  std::vector<Json> merge_sources;
  for (;;) {
    CT_RETURN_IF_ERROR(events_.Next());
    if (events_.event().type == YAML_MAPPING_END_EVENT) break;
    KeyInfo info;
    info.key_mark = events_.event().start_mark;
    bool is_merge = false;
    CT_RETURN_IF_ERROR(Key(info.key, is_merge));
    CT_RETURN_IF_ERROR(events_.Next());
    const yaml_event_t& value_event = events_.event();
    info.value_mark = value_event.start_mark;
    info.plain_scalar = IsPlainUntagged(value_event);
    if (info.plain_scalar) info.scalar_text = ScalarText(value_event);
    Json value;
    CT_RETURN_IF_ERROR(Build(value));
    if (is_merge) {
      CT_RETURN_IF_ERROR(AddMergeSource(value, info.value_mark, merge_sources));
      continue;
    }
    out[info.key] = std::move(value);  // a repeated key keeps the last value
    if (keys != nullptr) keys->push_back(std::move(info));
  }
  // Explicit keys win over merged ones; earlier merge sources win over later ones.
  for (const Json& source : merge_sources) {
    for (const auto& [key, value] : source.items()) {
      if (!out.contains(key)) out[key] = value;
    }
  }
  return OkStatus();
}

// Reads a mapping key (the current event) as a string, or recognises the merge key.
Status YamlJsonBuilder::Key(std::string& key, bool& is_merge) {
  const yaml_event_t& ev = events_.event();
  const yaml_mark_t mark = ev.start_mark;
  if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT) {
    return events_.ErrorAt(mark, "mapping keys must be scalars (got a complex key)");
  }
  is_merge =
      (IsPlainUntagged(ev) && ScalarText(ev) == "<<") ||
      (ev.type == YAML_SCALAR_EVENT && AsView(ev.data.scalar.tag) == std::string(kYamlTagPrefix) + "merge");
  if (is_merge) return OkStatus();
  Json value;
  CT_RETURN_IF_ERROR(Build(value));
  if (value.is_structured()) {
    return events_.ErrorAt(
        mark, std::string("mapping keys must be scalars (got an alias to a ") + TypeName(value) + ")");
  }
  key = value.is_string() ? value.get<std::string>() : value.dump();
  return OkStatus();
}

Status YamlJsonBuilder::AddMergeSource(const Json& value, const yaml_mark_t& mark,
                                       std::vector<Json>& sources) {
  if (value.is_object()) {
    sources.push_back(value);
    return OkStatus();
  }
  bool all_mappings = value.is_array();
  for (size_t i = 0; all_mappings && i < value.size(); ++i) all_mappings = value[i].is_object();
  if (all_mappings) {
    for (const Json& item : value) sources.push_back(item);
    return OkStatus();
  }
  return events_.ErrorAt(mark,
                         std::string("the merge key '<<' needs a mapping or a sequence of mappings (got ") +
                             TypeName(value) + ")");
}

Status YamlJsonBuilder::Alias(Json& out) {
  const yaml_event_t& ev = events_.event();
  std::string name(AsView(ev.data.alias.anchor));
  auto it = anchors_.find(name);
  if (it == anchors_.end()) {
    return events_.ErrorAt(ev.start_mark, "alias *" + name +
                                              " does not refer to a complete anchored node before it "
                                              "(recursive aliases cannot be JSON)");
  }
  CT_RETURN_IF_ERROR(Charge(it->second.bytes, ev.start_mark));
  out = it->second.value;
  return OkStatus();
}

Status YamlJsonBuilder::Charge(uint64_t bytes, const yaml_mark_t& mark) {
  task_bytes_ += bytes;
  if (task_bytes_ <= kMaxTaskBytes) return OkStatus();
  return events_.ErrorAt(mark, "the task is larger than 64 MiB (counting expanded aliases)");
}

void YamlJsonBuilder::ForgetAnchor(const std::string& name) {
  auto it = anchors_.find(name);
  if (it == anchors_.end()) return;
  anchor_bytes_ -= it->second.bytes;
  anchors_.erase(it);
}

Status YamlJsonBuilder::StoreAnchor(const std::string& name, const Json& value, uint64_t bytes,
                                    const yaml_mark_t& mark) {
  ForgetAnchor(name);
  anchor_bytes_ += bytes;
  anchors_.emplace(name, Anchor{value, bytes});
  if (anchor_bytes_ <= kMaxAnchorBytes) return OkStatus();
  return events_.ErrorAt(mark, "anchored YAML values total more than 16 MiB; use fewer or smaller anchors");
}

}  // namespace cloud_tasks::taskfile
