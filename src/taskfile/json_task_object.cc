// The task rules applied while scanning one task object (part of JsonScanner).
#include <cstring>
#include <string>

#include "taskfile/json_scanner.h"

namespace cloud_tasks::taskfile {
namespace {

bool IsTaskIdKey(std::string_view key) {
  return key.size() == 7 && std::memcmp(key.data(), "task_id", 7) == 0;
}
bool IsDataKey(std::string_view key) { return key.size() == 4 && std::memcmp(key.data(), "data", 4) == 0; }

}  // namespace

const char* JsonScanner::ParseTask(const char* p, TaskFields& out, std::string* data) {
  if (*p != '{') return WrongType(p, "a task must be a JSON object");
  const char* start = p;
  bool have_id = false;
  bool have_data = false;
  p = Ws(p + 1);
  while (*p != '}') {
    if (*p != '"') return Unexpected(p, "a string key");
    const char* key_at = p;
    bool escaped = false;
    p = String(p, &escaped);
    if (p == nullptr) return nullptr;
    std::string_view key(key_at + 1, static_cast<size_t>(p - key_at - 2));
    if (escaped) {  // rare: compare the decoded key
      DecodeString(key.data(), key.data() + key.size(), key_scratch_);
      key = key_scratch_;
    }
    p = Ws(p);
    if (*p != ':') return Unexpected(p, "':' after an object key");
    p = Member(key, key_at, Ws(p + 1), out, data, have_id, have_data);
    if (p == nullptr) return nullptr;
    p = Ws(p);
    if (*p == ',') {
      p = Ws(p + 1);
      if (*p == '}') return Fail(p, "invalid JSON: trailing comma before '}'");
    } else if (*p != '}') {
      return Unexpected(p, "',' or '}' after an object member");
    }
  }
  if (!have_id) return Fail(start, "missing \"task_id\" (a non-empty string)");
  if (!have_data) return Fail(start, "missing \"data\" (an object)");
  return p + 1;
}

// One member of the task object: the value of `key` starts at `p`.
const char* JsonScanner::Member(std::string_view key, const char* key_at, const char* p, TaskFields& out,
                                std::string* data, bool& have_id, bool& have_data) {
  if (IsTaskIdKey(key)) {
    if (have_id) return Fail(key_at, "duplicate key \"task_id\" in the task object");
    have_id = true;
    if (*p != '"') return WrongType(p, "\"task_id\" must be a non-empty string");
    const char* end = String(p, &out.id_escaped);
    if (end == nullptr) return nullptr;
    if (end - p == 2) return Fail(p, "\"task_id\" must be a non-empty string (got empty string)");
    out.raw_id = std::string_view(p + 1, static_cast<size_t>(end - p - 2));
    return end;
  }
  if (IsDataKey(key)) {
    if (have_data) return Fail(key_at, "duplicate key \"data\" in the task object");
    have_data = true;
    if (*p != '{') return WrongType(p, "\"data\" must be an object");
    if (data == nullptr) return Object(p, 1);
    capture_ = data;
    capture_from_ = p;
    const char* end = Object(p, 1);
    if (end != nullptr) data->append(capture_from_, end);
    capture_ = nullptr;
    return end;
  }
  return Value(p, 1);  // other keys are allowed and ignored
}

// The value at `p` has the wrong type for `rule`: report the syntax error if it is not
// valid JSON, else "<rule> (got <type>)".
const char* JsonScanner::WrongType(const char* p, const char* rule) {
  const char* type = TypeNameAt(p);
  const char* end = Value(p, 1);
  if (end == nullptr) return nullptr;
  return Fail(p, std::string(rule) + " (got " + type + ")");
}

}  // namespace cloud_tasks::taskfile
