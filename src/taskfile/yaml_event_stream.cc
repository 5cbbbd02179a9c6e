#include "taskfile/yaml_event_stream.h"

#include <cstdio>
#include <cstring>

#include "taskfile/task_source.h"

namespace cloud_tasks::taskfile {

YamlEventStream::YamlEventStream(std::string path, std::unique_ptr<ByteSource> bytes)
    : path_(std::move(path)), bytes_(std::move(bytes)) {
  std::memset(&event_, 0, sizeof event_);
  yaml_parser_initialize(&parser_);
  yaml_parser_set_input(&parser_, &YamlEventStream::ReadHandler, this);
}

YamlEventStream::~YamlEventStream() {
  if (has_event_) yaml_event_delete(&event_);
  yaml_parser_delete(&parser_);
}

int YamlEventStream::ReadHandler(void* data, unsigned char* buffer, size_t size, size_t* size_read) {
  auto* self = static_cast<YamlEventStream*>(data);
  Result<size_t> got = self->bytes_->Read(reinterpret_cast<char*>(buffer), size);
  if (!got.ok()) {
    self->read_error_ = got.status();
    return 0;
  }
  *size_read = *got;
  return 1;
}

Status YamlEventStream::Next() {
  if (has_event_) {
    yaml_event_delete(&event_);
    has_event_ = false;
  }
  if (!yaml_parser_parse(&parser_, &event_)) {
    if (!read_error_.ok()) return read_error_;
    return ParserError();
  }
  has_event_ = true;
  return OkStatus();
}

Status YamlEventStream::ErrorAt(const yaml_mark_t& mark, const std::string& message) const {
  return InvalidArgumentError(PositionPrefix(path_, mark.line + 1, mark.column + 1) + context_ + message);
}

Status YamlEventStream::ParserError() const {
  std::string problem = parser_.problem != nullptr ? parser_.problem : "parse error";
  if (parser_.error == YAML_READER_ERROR) {
    // Encoding problems carry a byte offset rather than a mark.
    char detail[96];
    std::snprintf(detail, sizeof detail, " (byte 0x%02X at offset %zu)",
                  static_cast<unsigned>(parser_.problem_value) & 0xFF, parser_.problem_offset);
    if (parser_.problem_value < 0) {
      std::snprintf(detail, sizeof detail, " (at offset %zu)", parser_.problem_offset);
    }
    yaml_mark_t mark = parser_.mark;
    auto format = DetectFormat(path_);
    auto where = LocateOffset(path_, format.ok() && format->gzip, parser_.problem_offset);
    if (where.ok()) {  // libyaml's mark lags behind its decoder: use the offset
      mark.line = where->first - 1;
      mark.column = where->second - 1;
    }
    return ErrorAt(mark, "invalid YAML: " + problem + detail);
  }
  std::string message = "invalid YAML: " + problem;
  if (parser_.context != nullptr) {
    message += std::string(" (") + parser_.context + " started at " + MarkLine(parser_.context_mark) + ")";
  }
  return ErrorAt(parser_.problem_mark, message);
}

std::string MarkLine(const yaml_mark_t& mark) {
  return std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

}  // namespace cloud_tasks::taskfile
