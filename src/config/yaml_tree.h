#pragma once
/// A small YAML document tree read with libyaml's event API, keeping the 1-based
/// line:column of every node so configuration errors can point at the exact place.
///
/// Scalars are typed like PyYAML's safe loader: quoted and block scalars are strings,
/// plain scalars go through ResolvePlainScalar, `!!str`/`!!int`/`!!float`/`!!bool`/`!!null`
/// through ResolveTaggedScalar; any other tag is an error. Anchors and aliases are
/// supported (an alias is a copy of the anchored node, placed at the alias), as is the
/// `<<` merge key (explicit keys win over merged ones). Duplicate keys in a mapping are an
/// error naming both lines.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/json.h"
#include "core/status.h"

namespace cloud_tasks::config {

struct Mark {
  int line = 0;    ///< 1-based
  int column = 0;  ///< 1-based
};

struct YamlNode {
  enum class Kind { kScalar, kSequence, kMapping };
  struct Entry;

  Kind kind = Kind::kScalar;
  Mark mark;
  Json scalar;                  ///< kScalar: typed value (null, bool, number or string)
  std::string text;             ///< kScalar: the scalar's source text (used for keys)
  std::vector<YamlNode> items;  ///< kSequence
  std::vector<Entry> entries;   ///< kMapping, in document order

  bool IsNull() const { return kind == Kind::kScalar && scalar.is_null(); }
};

struct YamlNode::Entry {
  std::string key;  ///< the key's source text
  Mark key_mark;
  YamlNode value;
};

/// Parses one YAML document. An empty stream yields a null scalar at 1:1. Errors are
/// "<name>:<line>:<col>: <problem>"; `name` is used only in messages.
Result<YamlNode> ParseYaml(const std::string& text, const std::string& name);

/// "<name>:<line>:<col>".
std::string FormatMark(const std::string& name, const Mark& mark);

}  // namespace cloud_tasks::config
