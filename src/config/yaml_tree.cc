#include "config/yaml_tree.h"

#include <yaml.h>

#include <map>
#include <set>

#include "core/yaml_scalar.h"

namespace cloud_tasks::config {
namespace {

constexpr std::string_view kStdTag = "tag:yaml.org,2002:";
constexpr int kMaxDepth = 64;
// Aliases copy nodes; cap the total so a "billion laughs" file fails instead of
// exhausting memory.
constexpr size_t kMaxNodes = 100000;

Mark ToMark(const yaml_mark_t& m) { return {static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1}; }

const char* Str(const yaml_char_t* s) { return reinterpret_cast<const char*>(s); }

size_t CountNodes(const YamlNode& node) {
  size_t n = 1;
  for (const auto& item : node.items) n += CountNodes(item);
  for (const auto& entry : node.entries) n += 1 + CountNodes(entry.value);
  return n;
}

// Owns one libyaml event.
struct Event {
  yaml_event_t e{};
  bool filled = false;
  ~Event() {
    if (filled) yaml_event_delete(&e);
  }
};

class Reader {
 public:
  Reader(const std::string& text, const std::string& name) : name_(name) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  }
  ~Reader() { yaml_parser_delete(&parser_); }
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  Result<YamlNode> Document();

 private:
  Status Next(Event& ev);
  Status Error(const Mark& mark, const std::string& problem) const {
    return InvalidArgumentError(FormatMark(name_, mark) + ": " + problem);
  }
  Result<YamlNode> Node(Event& ev, int depth);
  Result<YamlNode> Scalar(const yaml_event_t& e);
  Result<YamlNode> Sequence(const yaml_event_t& start, int depth);
  Result<YamlNode> Mapping(const yaml_event_t& start, int depth);
  Result<YamlNode> Alias(const yaml_event_t& e);
  Status CheckCollectionTag(const yaml_char_t* tag, std::string_view kind, const Mark& mark) const;
  Status AddMerge(const YamlNode& value, std::vector<YamlNode::Entry>& merged) const;
  Status Track(YamlNode& node, const std::string& anchor);

  std::string name_;
  yaml_parser_t parser_{};
  std::map<std::string, YamlNode> anchors_;
  size_t nodes_ = 0;
};

Status Reader::Next(Event& ev) {
  if (!yaml_parser_parse(&parser_, &ev.e)) {
    std::string problem = parser_.problem ? parser_.problem : "syntax error";
    if (parser_.context) problem += std::string(" (") + parser_.context + ")";
    return Error(ToMark(parser_.problem_mark), "invalid YAML: " + problem);
  }
  ev.filled = true;
  return OkStatus();
}

Result<YamlNode> Reader::Document() {
  Event start;
  CT_RETURN_IF_ERROR(Next(start));  // STREAM_START
  Event doc;
  CT_RETURN_IF_ERROR(Next(doc));
  YamlNode root;
  root.mark = {1, 1};
  if (doc.e.type == YAML_STREAM_END_EVENT) return root;  // empty file
  Event first;
  CT_RETURN_IF_ERROR(Next(first));
  CT_ASSIGN_OR_RETURN(root, Node(first, 0));
  Event doc_end;
  CT_RETURN_IF_ERROR(Next(doc_end));
  Event end;
  CT_RETURN_IF_ERROR(Next(end));
  if (end.e.type != YAML_STREAM_END_EVENT) {
    return Error(ToMark(end.e.start_mark), "expected a single YAML document, found another one");
  }
  return root;
}

Status Reader::Track(YamlNode& node, const std::string& anchor) {
  nodes_ += 1;
  if (nodes_ > kMaxNodes)
    return Error(node.mark, "document too large (more than 100000 nodes after aliases)");
  if (!anchor.empty()) anchors_[anchor] = node;
  return OkStatus();
}

Result<YamlNode> Reader::Node(Event& ev, int depth) {
  if (depth > kMaxDepth) return Error(ToMark(ev.e.start_mark), "nesting too deep");
  switch (ev.e.type) {
    case YAML_SCALAR_EVENT:
      return Scalar(ev.e);
    case YAML_SEQUENCE_START_EVENT:
      return Sequence(ev.e, depth);
    case YAML_MAPPING_START_EVENT:
      return Mapping(ev.e, depth);
    case YAML_ALIAS_EVENT:
      return Alias(ev.e);
    default:
      return Error(ToMark(ev.e.start_mark), "unexpected YAML event");
  }
}

Result<YamlNode> Reader::Scalar(const yaml_event_t& e) {
  YamlNode node;
  node.mark = ToMark(e.start_mark);
  node.text.assign(Str(e.data.scalar.value), e.data.scalar.length);
  const yaml_char_t* tag = e.data.scalar.tag;
  if (tag && std::string_view(Str(tag)) != "!") {
    std::string_view t = Str(tag);
    if (!ResolveTaggedScalar(t, node.text, node.scalar)) {
      static const std::set<std::string_view> kKinds = {"str", "int", "float", "bool", "null"};
      if (t.substr(0, kStdTag.size()) == kStdTag && kKinds.count(t.substr(kStdTag.size()))) {
        return Error(node.mark,
                     "'" + node.text + "' is not a valid !!" + std::string(t.substr(kStdTag.size())));
      }
      return Error(node.mark, "tags are not allowed (found '" + std::string(t) + "')");
    }
  } else if (tag || e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
    node.scalar = node.text;  // quoted, block or "!"-tagged: always a string
  } else {
    node.scalar = ResolvePlainScalar(node.text);
  }
  CT_RETURN_IF_ERROR(Track(node, e.data.scalar.anchor ? Str(e.data.scalar.anchor) : ""));
  return node;
}

Status Reader::CheckCollectionTag(const yaml_char_t* tag, std::string_view kind, const Mark& mark) const {
  if (!tag) return OkStatus();
  std::string_view t = Str(tag);
  if (t == "!" || (t.substr(0, kStdTag.size()) == kStdTag && t.substr(kStdTag.size()) == kind))
    return OkStatus();
  return Error(mark, "tags are not allowed (found '" + std::string(t) + "')");
}

Result<YamlNode> Reader::Sequence(const yaml_event_t& start, int depth) {
  YamlNode node;
  node.kind = YamlNode::Kind::kSequence;
  node.mark = ToMark(start.start_mark);
  CT_RETURN_IF_ERROR(CheckCollectionTag(start.data.sequence_start.tag, "seq", node.mark));
  std::string anchor = start.data.sequence_start.anchor ? Str(start.data.sequence_start.anchor) : "";
  while (true) {
    Event ev;
    CT_RETURN_IF_ERROR(Next(ev));
    if (ev.e.type == YAML_SEQUENCE_END_EVENT) break;
    CT_ASSIGN_OR_RETURN(YamlNode item, Node(ev, depth + 1));
    node.items.push_back(std::move(item));
  }
  CT_RETURN_IF_ERROR(Track(node, anchor));
  return node;
}

// `<<: *a` or `<<: [*a, *b]`: earlier sources win, explicit keys win over all.
Status Reader::AddMerge(const YamlNode& value, std::vector<YamlNode::Entry>& merged) const {
  std::vector<const YamlNode*> sources;
  if (value.kind == YamlNode::Kind::kSequence) {
    for (const auto& item : value.items) sources.push_back(&item);
  } else {
    sources.push_back(&value);
  }
  for (const YamlNode* source : sources) {
    if (source->kind != YamlNode::Kind::kMapping) {
      return Error(source->mark, "the merge key '<<' needs a mapping or a list of mappings");
    }
    for (const auto& entry : source->entries) merged.push_back(entry);
  }
  return OkStatus();
}

Result<YamlNode> Reader::Mapping(const yaml_event_t& start, int depth) {
  YamlNode node;
  node.kind = YamlNode::Kind::kMapping;
  node.mark = ToMark(start.start_mark);
  CT_RETURN_IF_ERROR(CheckCollectionTag(start.data.mapping_start.tag, "map", node.mark));
  std::string anchor = start.data.mapping_start.anchor ? Str(start.data.mapping_start.anchor) : "";
  std::map<std::string, int> lines;  // explicit key -> line
  std::vector<YamlNode::Entry> merged;
  while (true) {
    Event ev;
    CT_RETURN_IF_ERROR(Next(ev));
    if (ev.e.type == YAML_MAPPING_END_EVENT) break;
    CT_ASSIGN_OR_RETURN(YamlNode key, Node(ev, depth + 1));
    if (key.kind != YamlNode::Kind::kScalar)
      return Error(key.mark, "a mapping key must be a single value, not a list or mapping");
    Event value_event;
    CT_RETURN_IF_ERROR(Next(value_event));
    CT_ASSIGN_OR_RETURN(YamlNode value, Node(value_event, depth + 1));
    if (key.text == "<<" && key.scalar.is_string()) {
      CT_RETURN_IF_ERROR(AddMerge(value, merged));
      continue;
    }
    auto [it, fresh] = lines.emplace(key.text, key.mark.line);
    if (!fresh) {
      return Error(key.mark, "duplicate key '" + key.text + "' (first given on line " +
                                 std::to_string(it->second) + ", again on line " +
                                 std::to_string(key.mark.line) + ")");
    }
    node.entries.push_back({key.text, key.mark, std::move(value)});
  }
  for (auto& entry : merged) {
    if (lines.emplace(entry.key, entry.key_mark.line).second) node.entries.push_back(std::move(entry));
  }
  CT_RETURN_IF_ERROR(Track(node, anchor));
  return node;
}

Result<YamlNode> Reader::Alias(const yaml_event_t& e) {
  Mark mark = ToMark(e.start_mark);
  auto it = anchors_.find(Str(e.data.alias.anchor));
  if (it == anchors_.end())
    return Error(mark, std::string("unknown alias '*") + Str(e.data.alias.anchor) + "'");
  YamlNode copy = it->second;
  copy.mark = mark;
  nodes_ += CountNodes(copy);
  if (nodes_ > kMaxNodes) return Error(mark, "document too large (more than 100000 nodes after aliases)");
  return copy;
}

}  // namespace

std::string FormatMark(const std::string& name, const Mark& mark) {
  return name + ":" + std::to_string(mark.line) + ":" + std::to_string(mark.column);
}

Result<YamlNode> ParseYaml(const std::string& text, const std::string& name) {
  Reader reader(text, name);
  return reader.Document();
}

}  // namespace cloud_tasks::config
