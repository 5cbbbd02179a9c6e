#pragma once
/// Format readers ("task sources"): each yields every task of a file in order, with its
/// index and position, and checks the per-task rules. Skipping, limits and duplicate
/// task ids are handled on top of them (see task_reader.cc and duplicate_checker.h).

#include <memory>
#include <string>

#include "taskfile/byte_source.h"
#include "taskfile/input_buffer.h"
#include "taskfile/task_reader.h"

namespace cloud_tasks::taskfile {

struct SourceOptions {
  /// Fill Task::data_json (validation alone does not need it).
  bool capture_data = true;
  /// Initial JSON window size; tests use tiny windows to split every token.
  size_t buffer_capacity = InputBuffer::kDefaultCapacity;
};

/// A JSON array (`json_lines` false) or JSON Lines (true) task source.
std::unique_ptr<TaskReader> MakeJsonTaskSource(std::string path, std::unique_ptr<ByteSource> bytes,
                                               bool json_lines, SourceOptions options);

/// A YAML task source (libyaml event parser).
std::unique_ptr<TaskReader> MakeYamlTaskSource(std::string path, std::unique_ptr<ByteSource> bytes,
                                               SourceOptions options);

/// Opens `path` with the source for its format (no skipping, no duplicate check).
Result<std::unique_ptr<TaskReader>> OpenTaskSource(const std::string& path, SourceOptions options);

/// "<path>:<line>:<column>: " — the prefix of every content error.
std::string PositionPrefix(const std::string& path, uint64_t line, uint64_t column);

}  // namespace cloud_tasks::taskfile
