#pragma once
/// libyaml's event parser over a ByteSource, with error messages in the task-file form
/// "<path>:<line>:<column>: [task N: ]<what>". Streaming: libyaml reads 16 KB at a time
/// and holds only the tokens of the node being parsed.

#include <yaml.h>

#include <memory>
#include <string>

#include "taskfile/byte_source.h"

namespace cloud_tasks::taskfile {

class YamlEventStream {
 public:
  YamlEventStream(std::string path, std::unique_ptr<ByteSource> bytes);
  ~YamlEventStream();
  YamlEventStream(const YamlEventStream&) = delete;
  YamlEventStream& operator=(const YamlEventStream&) = delete;

  /// Parses the next event into event(). Syntax errors (and invalid UTF-8 or control
  /// characters, which libyaml rejects) are InvalidArgument at libyaml's mark; read
  /// errors are passed through.
  Status Next();
  /// The current event; valid until the next call to Next().
  const yaml_event_t& event() const { return event_; }

  /// Sets the text put after the position in error messages (e.g. "task 3: ").
  void set_context(std::string context) { context_ = std::move(context); }
  /// InvalidArgument "<path>:<line>:<column>: <context><message>" for a libyaml mark.
  Status ErrorAt(const yaml_mark_t& mark, const std::string& message) const;

 private:
  static int ReadHandler(void* data, unsigned char* buffer, size_t size, size_t* size_read);
  Status ParserError() const;

  std::string path_;
  std::unique_ptr<ByteSource> bytes_;
  std::string context_;
  yaml_parser_t parser_;
  yaml_event_t event_;
  bool has_event_ = false;
  Status read_error_;
};

/// 1-based "line:column" text of a libyaml mark, for messages that cite another place.
std::string MarkLine(const yaml_mark_t& mark);

}  // namespace cloud_tasks::taskfile
