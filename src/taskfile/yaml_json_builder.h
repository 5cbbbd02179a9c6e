#pragma once
/// Turns YAML nodes, pulled event by event from a YamlEventStream, into JSON values.
///
/// Safety and typing rules:
/// - Plain scalars are typed by ResolvePlainScalar (PyYAML safe-loader rules); quoted and
///   block scalars are strings; the standard tags !!str !!int !!float !!bool !!null
///   !!seq !!map (and the non-specific "!") are honoured; every other tag is an error
///   ("tags are not allowed"), so nothing like !!python/object can construct anything.
/// - NaN and infinite floats cannot be JSON: error at the scalar.
/// - Mapping keys must be scalars; they become JSON strings (null/bool/number keys are
///   written as their JSON text, as Python's json.dumps does). A repeated key keeps the
///   last value (as PyYAML).
/// - Anchors and aliases are supported: an anchored node's value is stored and an alias
///   inserts a copy. Memory stays bounded: stored anchors may total at most
///   kMaxAnchorBytes and one task may expand to at most kMaxTaskBytes (this stops
///   "billion laughs" documents).
/// - The merge key `<<` (a mapping, or a sequence of mappings, usually aliases) is
///   supported as in PyYAML: explicit keys win, then earlier merge sources.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "taskfile/yaml_event_stream.h"

namespace cloud_tasks::taskfile {

class YamlJsonBuilder {
 public:
  static constexpr uint64_t kMaxAnchorBytes = uint64_t{16} << 20;
  static constexpr uint64_t kMaxTaskBytes = uint64_t{64} << 20;

  /// Where a key of a mapping built with BuildMapping was written.
  struct KeyInfo {
    std::string key;
    yaml_mark_t key_mark;
    yaml_mark_t value_mark;
    std::string scalar_text;  ///< the value's text when it was a plain scalar, else ""
    bool plain_scalar = false;
  };

  explicit YamlJsonBuilder(YamlEventStream& events) : events_(events) {}

  /// Resets the per-task expansion budget.
  void StartTask() { task_bytes_ = 0; }

  /// Builds the node whose first event is the stream's current event. On return the
  /// current event is the node's last one (scalar, alias, or the end of a collection).
  Status Build(Json& out);

  /// Build for a mapping node (current event MAPPING_START) that also reports each
  /// explicit key, in order, with positions.
  Status BuildMapping(Json& out, std::vector<KeyInfo>* keys);

  /// "string", "int", "float", "bool", "null", "sequence" or "mapping".
  static const char* TypeName(const Json& value);

 private:
  struct Anchor {
    Json value;
    uint64_t bytes = 0;
  };

  Status Scalar(Json& out);
  Status Sequence(Json& out);
  Status Alias(Json& out);
  Status Key(std::string& key, bool& is_merge);
  Status AddMergeSource(const Json& value, const yaml_mark_t& mark, std::vector<Json>& sources);
  Status CheckCollectionTag(const yaml_char_t* tag, const char* standard);
  Status Charge(uint64_t bytes, const yaml_mark_t& mark);
  void ForgetAnchor(const std::string& name);
  Status StoreAnchor(const std::string& name, const Json& value, uint64_t bytes, const yaml_mark_t& mark);

  YamlEventStream& events_;
  std::unordered_map<std::string, Anchor> anchors_;
  uint64_t anchor_bytes_ = 0;
  uint64_t task_bytes_ = 0;
};

}  // namespace cloud_tasks::taskfile
