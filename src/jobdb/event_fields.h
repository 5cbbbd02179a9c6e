#pragma once
/// The top-level members of an event that the job store reads, as typed views. Filled
/// either from a parsed Json (FieldsFromJson) or by the fast scanner (ScanEventFields),
/// so both paths share one decoding routine (event_apply.cc).

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/json.h"

namespace cloud_tasks::jobdb {

/// One member value. Views point into the source text or the Json; they are valid as
/// long as that source is.
struct FieldValue {
  enum class Kind { kAbsent, kNull, kBool, kInteger, kFloat, kString, kOther };
  Kind kind = Kind::kAbsent;
  bool boolean = false;
  int64_t integer = 0;
  double number = 0;           ///< kFloat, and kInteger converted
  std::string_view string;     ///< kString contents (unescaped)
  std::string_view raw;        ///< scanner only: the value's JSON text as written
  const Json* json = nullptr;  ///< Json path only: the value

  bool present() const { return kind != Kind::kAbsent && kind != Kind::kNull; }
};

struct EventFields {
  FieldValue timestamp, hostname, event_type, task_id, retry, elapsed_time, result, exception, exit_code,
      instance_id;
};

/// Reads the members of a Json object (the caller checked it is one).
EventFields FieldsFromJson(const Json& event);

/// Fast path for the common event shape: a single JSON object on one line whose strings
/// are printable ASCII without escapes. Returns nullopt for anything else — including
/// invalid JSON and duplicate known keys — and the caller then parses with nlohmann,
/// which also words the error. Never returns a result that nlohmann would not.
std::optional<EventFields> ScanEventFields(std::string_view text);

}  // namespace cloud_tasks::jobdb
