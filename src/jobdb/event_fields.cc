#include "jobdb/event_fields.h"

#include <charconv>
#include <limits>

namespace cloud_tasks::jobdb {
namespace {

using Kind = FieldValue::Kind;

// Maps a member name to its slot, or nullptr for members the store does not read.
FieldValue* Slot(EventFields& f, std::string_view key) {
  switch (key.size()) {
    case 6:
      return key == "result" ? &f.result : nullptr;
    case 5:
      return key == "retry" ? &f.retry : nullptr;
    case 7:
      return key == "task_id" ? &f.task_id : nullptr;
    case 8:
      return key == "hostname" ? &f.hostname : nullptr;
    case 9:
      return key == "timestamp"   ? &f.timestamp
             : key == "exception" ? &f.exception
             : key == "exit_code" ? &f.exit_code
                                  : nullptr;
    case 10:
      return key == "event_type" ? &f.event_type : nullptr;
    case 11:
      return key == "instance_id" ? &f.instance_id : nullptr;
    case 12:
      return key == "elapsed_time" ? &f.elapsed_time : nullptr;
    default:
      return nullptr;
  }
}

FieldValue FromJson(const Json& v) {
  FieldValue out;
  out.json = &v;
  if (v.is_null()) {
    out.kind = Kind::kNull;
  } else if (v.is_boolean()) {
    out.kind = Kind::kBool;
    out.boolean = v.get<bool>();
  } else if (v.is_number_integer() &&
             (v.is_number_unsigned() ? v.get<uint64_t>() <= uint64_t{std::numeric_limits<int64_t>::max()}
                                     : true)) {
    out.kind = Kind::kInteger;
    out.integer = v.get<int64_t>();
    out.number = static_cast<double>(out.integer);
  } else if (v.is_number()) {
    out.kind = Kind::kFloat;
    out.number = v.get<double>();
  } else if (v.is_string()) {
    out.kind = Kind::kString;
    out.string = v.get_ref<const std::string&>();
  } else {
    out.kind = Kind::kOther;
  }
  return out;
}

// Recursive-descent scanner over one line of JSON. Every method returns false both for
// invalid JSON and for valid JSON outside the fast path; the caller then falls back.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : s_(text) {}

  bool ScanObject(EventFields& fields) {
    SkipWs();
    if (!Consume('{')) return false;
    SkipWs();
    if (Consume('}')) return AtEnd();
    while (true) {
      std::string_view key;
      SkipWs();
      if (!ScanString(key)) return false;
      SkipWs();
      if (!Consume(':')) return false;
      SkipWs();
      FieldValue value;
      if (!ScanValue(value, 0)) return false;
      if (FieldValue* slot = Slot(fields, key)) {
        if (slot->kind != Kind::kAbsent) return false;  // duplicate: leave to nlohmann
        *slot = value;
      }
      SkipWs();
      if (Consume('}')) return AtEnd();
      if (!Consume(',')) return false;
    }
  }

 private:
  static constexpr int kMaxDepth = 64;

  bool AtEnd() {
    SkipWs();
    return pos_ == s_.size();
  }
  void SkipWs() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  bool Consume(char c) {
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  // Printable ASCII without escapes only.
  bool ScanString(std::string_view& contents) {
    if (!Consume('"')) return false;
    size_t start = pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '"') {
        contents = s_.substr(start, pos_ - start);
        ++pos_;
        return true;
      }
      if (c == '\\' || c < 0x20 || c > 0x7e) return false;
      ++pos_;
    }
    return false;
  }

  bool ScanDigits() {
    size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
    return pos_ > start;
  }

  // JSON number grammar; integers must fit int64, floats must be finite.
  bool ScanNumber(FieldValue& out) {
    size_t start = pos_;
    Consume('-');
    if (Consume('0')) {
      if (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') return false;  // leading zero
    } else if (!ScanDigits()) {
      return false;
    }
    bool is_float = false;
    if (Consume('.')) {
      if (!ScanDigits()) return false;
      is_float = true;
    }
    if (Consume('e') || Consume('E')) {
      if (!Consume('+')) Consume('-');
      if (!ScanDigits()) return false;
      is_float = true;
    }
    out.raw = s_.substr(start, pos_ - start);
    const char* first = out.raw.data();
    const char* last = first + out.raw.size();
    if (is_float) {
      out.kind = Kind::kFloat;
      auto [end, ec] = std::from_chars(first, last, out.number);
      return ec == std::errc() && end == last;
    }
    out.kind = Kind::kInteger;
    auto [end, ec] = std::from_chars(first, last, out.integer);
    out.number = static_cast<double>(out.integer);
    return ec == std::errc() && end == last;
  }

  bool ScanLiteral(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  // Arrays and objects: validated and skipped; `depth` bounds the recursion.
  bool SkipComposite(int depth) {
    if (depth > kMaxDepth) return false;
    const char close = s_[pos_] == '{' ? '}' : ']';
    const bool is_object = close == '}';
    ++pos_;
    SkipWs();
    if (Consume(close)) return true;
    while (true) {
      SkipWs();
      if (is_object) {
        std::string_view key;
        if (!ScanString(key)) return false;
        SkipWs();
        if (!Consume(':')) return false;
        SkipWs();
      }
      FieldValue ignored;
      if (!ScanValue(ignored, depth + 1)) return false;
      SkipWs();
      if (Consume(close)) return true;
      if (!Consume(',')) return false;
    }
  }

  bool ScanValue(FieldValue& out, int depth) {
    if (pos_ >= s_.size()) return false;
    size_t start = pos_;
    bool ok = true;
    switch (s_[pos_]) {
      case '"':
        out.kind = Kind::kString;
        ok = ScanString(out.string);
        break;
      case 't':
        out.kind = Kind::kBool;
        out.boolean = true;
        ok = ScanLiteral("true");
        break;
      case 'f':
        out.kind = Kind::kBool;
        ok = ScanLiteral("false");
        break;
      case 'n':
        out.kind = Kind::kNull;
        ok = ScanLiteral("null");
        break;
      case '{':
      case '[':
        out.kind = Kind::kOther;
        ok = SkipComposite(depth);
        break;
      default:
        ok = ScanNumber(out);
        break;
    }
    out.raw = s_.substr(start, pos_ - start);
    return ok;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

EventFields FieldsFromJson(const Json& event) {
  EventFields fields;
  for (auto it = event.begin(); it != event.end(); ++it) {
    // ordered_json keeps the last of duplicate keys, so each slot is seen once.
    if (FieldValue* slot = Slot(fields, it.key())) *slot = FromJson(it.value());
  }
  return fields;
}

std::optional<EventFields> ScanEventFields(std::string_view text) {
  EventFields fields;
  if (!Scanner(text).ScanObject(fields)) return std::nullopt;
  return fields;
}

}  // namespace cloud_tasks::jobdb
