// Framing for JSON arrays and JSON Lines around JsonScanner: the top-level array or the
// one-task-per-line layout, positions, refills.
#include <cstring>

#include "taskfile/json_scanner.h"
#include "taskfile/task_source.h"

namespace cloud_tasks::taskfile {
namespace {

enum class Step { kContinue, kTask, kEnd, kNeedMore, kError };

enum class State {
  kBom,         // offset 0: an optional UTF-8 byte order mark
  kOpen,        // array: expecting '['
  kFirstItem,   // array: after '[' (']' or the first task)
  kItem,        // at the first byte of a task
  kAfterItem,   // array: expecting ',' or ']'
  kAfterComma,  // array: expecting a task
  kTrailing,    // array: only whitespace may follow ']'
  kLineStart,   // JSON Lines: blank lines or a task
  kLineEnd,     // JSON Lines: rest of the line after a task
  kDone,
};

class JsonTaskSource : public TaskReader {
 public:
  JsonTaskSource(std::string path, std::unique_ptr<ByteSource> bytes, bool json_lines, SourceOptions options)
      : path_(std::move(path)),
        json_lines_(json_lines),
        capture_(options.capture_data),
        buf_(std::move(bytes), options.buffer_capacity) {}

  Result<bool> Next(Task& out) override {
    if (!error_.ok()) return error_;
    for (;;) {
      scan_.Reset(buf_.end(), buf_.eof());
      switch (Advance(out)) {
        case Step::kContinue:
          break;
        case Step::kTask:
          return true;
        case Step::kEnd:
          return false;
        case Step::kError:
          return error_;
        case Step::kNeedMore: {
          Status refilled = buf_.Refill(lines_.offset());
          if (!refilled.ok()) return error_ = refilled;
          break;
        }
      }
    }
  }

 private:
  Step Advance(Task& out) {
    switch (state_) {
      case State::kBom:
        return SkipBom();
      case State::kOpen:
        return Open();
      case State::kFirstItem:
        return AfterOpen();
      case State::kItem:
        return Item(out);
      case State::kAfterItem:
        return AfterItem();
      case State::kAfterComma:
        return AfterComma();
      case State::kTrailing:
        return Trailing();
      case State::kLineStart:
        return LineStart();
      case State::kLineEnd:
        return LineEnd();
      case State::kDone:
        return Step::kEnd;
    }
    return Step::kEnd;
  }

  const char* Cursor() const { return buf_.At(lines_.offset()); }
  uint64_t Commit(const char* p) { return lines_.Advance(Cursor(), p); }
  bool AtEnd(const char* p) const { return p == buf_.end(); }

  Step Goto(State next, const char* p) {
    Commit(p);
    state_ = next;
    return Step::kContinue;
  }

  // Skips whitespace from the cursor. At the end of the window the whitespace is
  // consumed and *step says whether to wait for more or the input is over (kEnd).
  const char* SkipWs(Step* step) {
    const char* p = scan_.SkipWs(Cursor());
    *step = Step::kContinue;
    if (AtEnd(p)) {
      Commit(p);
      *step = buf_.eof() ? Step::kEnd : Step::kNeedMore;
    }
    return p;
  }

  Step Fail(const char* at, const std::string& message) {
    LineTracker where = lines_;
    where.Advance(Cursor(), at);
    TextPosition pos = where.position();
    error_ = InvalidArgumentError(PositionPrefix(path_, pos.line, pos.column) + message);
    return Step::kError;
  }

  // A scanner failure: wait for more input or report the error.
  Step ScanFailure(const std::string& context) {
    if (scan_.status() == ScanStatus::kNeedMore) return Step::kNeedMore;
    return Fail(scan_.error_at(), context + scan_.error());
  }

  std::string TaskContext() const { return "task " + std::to_string(index_) + ": "; }
  std::string AfterTask() const { return index_ == 0 ? "" : " after task " + std::to_string(index_ - 1); }

  Step SkipBom() {
    const char* p = Cursor();
    if (buf_.end() - p < 3 && !buf_.eof()) return Step::kNeedMore;
    if (std::memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    return Goto(json_lines_ ? State::kLineStart : State::kOpen, p);
  }

  Step Open() {
    Step step;
    const char* p = SkipWs(&step);
    if (step == Step::kNeedMore) return step;
    if (step == Step::kEnd) return Fail(p, "the file is empty: expected a JSON array of tasks");
    if (*p == '[') return Goto(State::kFirstItem, p + 1);
    const char* type = JsonScanner::TypeNameAt(p);
    if (type == nullptr)
      return Fail(p, "invalid JSON: unexpected " + JsonScanner::DescribeByte(p) + ", expected '['");
    return Fail(p, std::string("the top level must be a JSON array of task objects (got ") + type + ")");
  }

  Step AfterOpen() {
    Step step;
    const char* p = SkipWs(&step);
    if (step == Step::kNeedMore) return step;
    if (step == Step::kEnd) return Fail(p, "invalid JSON: unexpected end of file, expected a task or ']'");
    if (*p == ']') return Goto(State::kTrailing, p + 1);
    return Goto(State::kItem, p);
  }

  Step AfterItem() {
    Step step;
    const char* p = SkipWs(&step);
    if (step == Step::kNeedMore) return step;
    if (step == Step::kEnd)
      return Fail(p, "invalid JSON: unexpected end of file, expected ',' or ']'" + AfterTask());
    if (*p == ',') {
      // Fast path: the next task follows in the window (else the kAfterComma state).
      const char* next = scan_.SkipWs(p + 1);
      if (*next == '{') return Goto(State::kItem, next);
      return Goto(State::kAfterComma, p + 1);
    }
    if (*p == ']') return Goto(State::kTrailing, p + 1);
    return Fail(p, "invalid JSON: unexpected " + JsonScanner::DescribeByte(p) + ", expected ',' or ']'" +
                       AfterTask());
  }

  Step AfterComma() {
    Step step;
    const char* p = SkipWs(&step);
    if (step == Step::kNeedMore) return step;
    if (step == Step::kEnd) return Fail(p, "invalid JSON: unexpected end of file, expected a task");
    if (*p == ']') return Fail(p, "invalid JSON: trailing comma before ']'");
    return Goto(State::kItem, p);
  }

  Step Trailing() {
    Step step;
    const char* p = SkipWs(&step);
    if (step == Step::kNeedMore) return step;
    if (step == Step::kEnd) return Goto(State::kDone, p);
    return Fail(p, "invalid JSON: unexpected data after the top-level array");
  }

  Step LineStart() {
    Step step;
    const char* p = SkipWs(&step);
    if (step == Step::kNeedMore) return step;
    if (step == Step::kEnd) return Goto(State::kDone, p);
    return Goto(State::kItem, p);
  }

  Step LineEnd() {
    const char* p = Cursor();
    while (*p == ' ' || *p == '\t' || *p == '\r') ++p;
    if (*p == '\n') return Goto(State::kLineStart, p + 1);
    if (!AtEnd(p)) {
      return Fail(p, "unexpected " + JsonScanner::DescribeByte(p) + AfterTask() +
                         ": a JSON Lines file holds one task object per line");
    }
    Commit(p);
    if (!buf_.eof()) return Step::kNeedMore;
    return Goto(State::kDone, p);
  }

  Step Item(Task& out);

  std::string path_;
  bool json_lines_;
  bool capture_;
  InputBuffer buf_;
  JsonScanner scan_;
  LineTracker lines_;
  State state_ = State::kBom;
  uint64_t index_ = 0;  // index of the next task
  Status error_;
  TaskFields fields_;
};

// Parses the task at the cursor; on success fills `out` and moves past it.
Step JsonTaskSource::Item(Task& out) {
  const char* start = Cursor();
  out.data_json.clear();
  scan_.ClearNewlineSeen();
  const char* end = scan_.ParseTask(start, fields_, capture_ ? &out.data_json : nullptr);
  if (end == nullptr) return ScanFailure(TaskContext());
  if (json_lines_ && scan_.newline_seen()) {
    const void* newline = std::memchr(start, '\n', static_cast<size_t>(end - start));
    if (newline != nullptr) {
      return Fail(static_cast<const char*>(newline), TaskContext() + "a JSON Lines task must be on one line");
    }
  }
  TextPosition pos = lines_.position();
  if (fields_.id_escaped) {
    JsonScanner::DecodeString(fields_.raw_id.data(), fields_.raw_id.data() + fields_.raw_id.size(),
                              out.task_id);
  } else {
    out.task_id.assign(fields_.raw_id);
  }
  out.index = index_++;
  out.line = pos.line;
  out.column = pos.column;
  if (scan_.newline_seen()) {
    lines_.Advance(start, end);
  } else {
    lines_.AdvanceWithinLine(start, end);  // the common case: no need to count
  }
  state_ = json_lines_ ? State::kLineEnd : State::kAfterItem;
  return Step::kTask;
}

}  // namespace

std::unique_ptr<TaskReader> MakeJsonTaskSource(std::string path, std::unique_ptr<ByteSource> bytes,
                                               bool json_lines, SourceOptions options) {
  return std::make_unique<JsonTaskSource>(std::move(path), std::move(bytes), json_lines, options);
}

}  // namespace cloud_tasks::taskfile
