#include "jobdb/event_apply.h"

#include <fmt/format.h>

#include "core/strings.h"
#include "core/time_util.h"
#include "jobdb/task_status.h"

namespace cloud_tasks::jobdb {
namespace {

// Invalid UTF-8 inside strings is replaced rather than thrown on: an event must never
// be lost because a traceback contained a stray byte.
std::string CompactDump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

// True when `ts` (already validated) is exactly what FormatIsoUtc would write, as the
// workers send it: `YYYY-MM-DDTHH:MM:SS.ffffff+00:00`.
bool IsNormalisedTime(const std::string& ts) {
  return ts.size() == 32 && ts[10] == 'T' && ts[19] == '.' && ts.compare(26, 6, "+00:00") == 0;
}

const Json* Find(const Json& event, std::string_view key) {
  auto it = event.find(key);
  if (it == event.end() || it->is_null()) return nullptr;
  return &*it;
}

Status FieldError(std::string_view field, std::string_view expected, const Json& value) {
  return InvalidArgumentError(
      fmt::format("event field '{}' must be {}, got {}", field, expected, Abbreviate(CompactDump(value), 120)));
}

Result<std::optional<std::string>> OptionalString(const Json& event, std::string_view field) {
  const Json* v = Find(event, field);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string()) return FieldError(field, "a string", *v);
  return std::optional<std::string>(v->get_ref<const std::string&>());
}

Status DecodeCommon(const Json& event, ParsedEvent& out) {
  CT_ASSIGN_OR_RETURN(std::optional<std::string> ts, OptionalString(event, "timestamp"));
  if (ts) {
    Result<SystemTime> t = ParseIsoTime(*ts);
    if (!t.ok()) return t.status().WithContext("event field 'timestamp'");
    out.timestamp = IsNormalisedTime(*ts) ? std::move(ts) : FormatIsoUtc(*t);
  }
  CT_ASSIGN_OR_RETURN(out.hostname, OptionalString(event, "hostname"));
  CT_ASSIGN_OR_RETURN(out.task_id, OptionalString(event, "task_id"));
  if (out.task_id && out.task_id->empty()) out.task_id.reset();
  return OkStatus();
}

// Fields read only for the four task event types (DB-06).
Status DecodeTaskFields(const Json& event, ParsedEvent& out) {
  if (const Json* v = Find(event, "retry")) {
    if (!v->is_boolean()) return FieldError("retry", "true or false", *v);
    out.retry = v->get<bool>();
  }
  if (const Json* v = Find(event, "elapsed_time")) {
    if (!v->is_number()) return FieldError("elapsed_time", "a number", *v);
    out.elapsed_time = v->get<double>();
  }
  if (out.event_type == kEventTaskCompleted) {
    auto it = event.find("result");
    out.result_json = it == event.end() ? std::string("null") : CompactDump(*it);
  } else if (out.event_type == kEventTaskException) {
    if (const Json* v = Find(event, "exception")) {
      out.exception = v->is_string() ? v->get<std::string>() : CompactDump(*v);
    }
  } else if (out.event_type == kEventTaskExited) {
    if (const Json* v = Find(event, "exit_code")) {
      if (!v->is_number_integer()) return FieldError("exit_code", "an integer", *v);
      out.exit_code = v->get<int64_t>();
    }
  }
  return OkStatus();
}

}  // namespace

std::string_view EventTypeOf(const Json& event) {
  if (!event.is_object()) return {};
  auto it = event.find("event_type");
  if (it == event.end() || !it->is_string()) return {};
  return it->get_ref<const std::string&>();
}

Result<ParsedEvent> ParseEvent(const Json& event, std::string_view source_text) {
  if (!event.is_object()) {
    return InvalidArgumentError(fmt::format("event is not a JSON object: {}", Abbreviate(CompactDump(event), 120)));
  }
  ParsedEvent out;
  auto type = event.find("event_type");
  if (type == event.end() || !type->is_string() || type->get_ref<const std::string&>().empty()) {
    return InvalidArgumentError(
        fmt::format("event has no string 'event_type': {}", Abbreviate(CompactDump(event), 120)));
  }
  out.event_type = type->get<std::string>();
  CT_RETURN_IF_ERROR(DecodeCommon(event, out));
  std::string_view status = StatusForEvent(out.event_type, false);
  if (!status.empty()) {
    CT_RETURN_IF_ERROR(DecodeTaskFields(event, out));
    if (out.task_id) out.new_status = StatusForEvent(out.event_type, out.retry);
  }
  std::string_view trimmed = Trim(source_text);
  if (!trimmed.empty() && trimmed.find_first_of("\r\n") == std::string_view::npos) {
    out.raw = std::string(trimmed);
  } else {
    out.raw = CompactDump(event);
  }
  out.key = EventKey(out.raw);
  return out;
}

Result<ParsedEvent> ParseEventText(std::string_view text) {
  Json event;
  try {
    event = Json::parse(text);
  } catch (const Json::parse_error& e) {
    return InvalidArgumentError(fmt::format("event is not valid JSON ({}): {}", e.what(),
                                            Abbreviate(text, 120)));
  }
  return ParseEvent(event, text);
}

int64_t EventKey(std::string_view raw_event) {
  uint64_t hash = 14695981039346656037ULL;  // FNV-1a 64-bit offset basis
  for (unsigned char c : raw_event) {
    hash ^= c;
    hash *= 1099511628211ULL;  // FNV prime
  }
  return static_cast<int64_t>(hash);
}

}  // namespace cloud_tasks::jobdb
