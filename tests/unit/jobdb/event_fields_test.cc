// The fast event scanner must agree with the nlohmann path on every input: same
// accept/reject decision and the same decoded event. Checked on hand-picked edge cases
// and on random mutations of real events.

#include "jobdb/event_fields.h"

#include <gtest/gtest.h>

#include <random>

#include "jobdb/event_apply.h"

namespace cloud_tasks::jobdb {
namespace {

// The reference: nlohmann::json parse, then ParseEvent.
Result<ParsedEvent> SlowParse(std::string_view text) {
  Json event;
  try {
    event = Json::parse(text);
  } catch (const Json::parse_error& e) {
    return InvalidArgumentError(e.what());
  }
  return ParseEvent(event, text);
}

void ExpectSameDecoding(const std::string& text) {
  SCOPED_TRACE(text);
  Result<ParsedEvent> fast = ParseEventText(text);
  Result<ParsedEvent> slow = SlowParse(text);
  ASSERT_EQ(fast.ok(), slow.ok()) << (fast.ok() ? slow.status().message() : fast.status().message());
  if (!fast.ok()) return;
  EXPECT_EQ(fast->event_type, slow->event_type);
  EXPECT_EQ(fast->task_id, slow->task_id);
  EXPECT_EQ(fast->timestamp, slow->timestamp);
  EXPECT_EQ(fast->hostname, slow->hostname);
  EXPECT_EQ(fast->retry, slow->retry);
  EXPECT_EQ(fast->elapsed_time, slow->elapsed_time);
  EXPECT_EQ(fast->exception, slow->exception);
  EXPECT_EQ(fast->exit_code, slow->exit_code);
  EXPECT_EQ(fast->instance_id, slow->instance_id);
  EXPECT_EQ(fast->new_status, slow->new_status);
  EXPECT_EQ(fast->raw, slow->raw);
  EXPECT_EQ(fast->key, slow->key);
  ASSERT_EQ(fast->result_json.has_value(), slow->result_json.has_value());
  if (fast->result_json) {
    EXPECT_EQ(Json::parse(*fast->result_json), Json::parse(*slow->result_json));
  }
}

const char* kCompleted =
    R"({"timestamp": "2024-05-01T10:05:00.123456+00:00", "hostname": "rmscr-job-1", "event_type": "task_completed", )"
    R"("task_id": "addition-task-000001", "retry": false, "elapsed_time": 1.25, "result": {"sum": [1, 2.5e3, -0, null, true]}})";

TEST(EventScanner, HandlesTheCommonShapeWithoutNlohmann) {
  auto fields = ScanEventFields(kCompleted);
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->event_type.string, "task_completed");
  EXPECT_EQ(fields->elapsed_time.number, 1.25);
  EXPECT_EQ(fields->result.raw, R"({"sum": [1, 2.5e3, -0, null, true]})");
  auto event = ParseEventText(kCompleted);
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->result_json, R"({"sum": [1, 2.5e3, -0, null, true]})");  // kept as written
  ExpectSameDecoding(kCompleted);
}

TEST(EventScanner, FallsBackOutsideTheFastPath) {
  EXPECT_FALSE(ScanEventFields(R"({"event_type": "task_exception", "exception": "a\nb"})"));  // escape
  EXPECT_FALSE(ScanEventFields("{\"event_type\": \"caf\xC3\xA9\"}"));                         // non-ASCII
  EXPECT_FALSE(ScanEventFields(R"({"event_type": "a", "event_type": "b"})"));                 // duplicate
  EXPECT_FALSE(ScanEventFields(R"({"exit_code": 99999999999999999999})"));                    // > int64
  EXPECT_FALSE(ScanEventFields(R"({"elapsed_time": 1e999})"));                                // overflow
  EXPECT_FALSE(ScanEventFields(std::string(100, '[') + std::string(100, ']')));               // not an object
  EXPECT_FALSE(
      ScanEventFields(R"({"result": )" + std::string(80, '[') + std::string(80, ']') + "}"));  // deep
}

TEST(EventScanner, AgreesWithNlohmannOnEdgeCases) {
  const std::vector<std::string> cases = {
      "{}",
      "  {} ",
      "{ }",
      "[]",
      "",
      "null",
      "{",
      "}",
      R"({"event_type"})",
      R"({"event_type":})",
      R"({"event_type": "x",})",
      R"({,"event_type": "x"})",
      R"({"event_type": "x"} x)",
      R"({"event_type": "x"}})",
      R"({"event_type": "task_exited", "task_id": "t", "exit_code": -3})",
      R"({"event_type": "task_exited", "task_id": "t", "exit_code": 3.0})",
      R"({"event_type": "task_exited", "task_id": "t", "exit_code": -0})",
      R"({"event_type": "task_exited", "task_id": "t", "exit_code": -9223372036854775808})",
      R"({"event_type": "task_exited", "task_id": "t", "exit_code": 9223372036854775808})",
      R"({"event_type": "task_exited", "task_id": "t", "exit_code": 01})",
      R"({"event_type": "task_timed_out", "task_id": "t", "elapsed_time": 1.})",
      R"({"event_type": "task_timed_out", "task_id": "t", "elapsed_time": .5})",
      R"({"event_type": "task_timed_out", "task_id": "t", "elapsed_time": +1})",
      R"({"event_type": "task_timed_out", "task_id": "t", "elapsed_time": 1E+2})",
      R"({"event_type": "task_timed_out", "task_id": "t", "elapsed_time": 1e-2, "retry": true})",
      R"({"event_type": "task_timed_out", "task_id": "t", "elapsed_time": "1"})",
      R"({"event_type": "task_timed_out", "task_id": "t", "retry": tru})",
      R"({"event_type": "task_timed_out", "task_id": "t", "retry": nul})",
      R"({"event_type": "task_timed_out", "task_id": "t", "retry": null, "elapsed_time": null})",
      R"({"event_type": "task_completed", "task_id": "t"})",
      R"({"event_type": "task_completed", "task_id": "t", "result": null})",
      R"({"event_type": "task_completed", "task_id": "t", "result": "text"})",
      R"({"event_type": "task_completed", "task_id": "t", "result": {"a": {"b": [[], {}]}}})",
      R"({"event_type": "task_completed", "task_id": "t", "result": {"a" 1}})",
      R"({"event_type": "task_completed", "task_id": "t", "result": [1 2]})",
      R"({"event_type": "task_completed", "task_id": "", "result": 1})",
      R"({"event_type": "task_exception", "task_id": "t", "exception": {"type": "E"}})",
      R"({"event_type": "task_exception", "task_id": "t", "exception": 5})",
      R"({"event_type": "keep_alive", "instance_id": "i-1", "hostname": "h"})",
      R"({"event_type": "keep_alive", "instance_id": 5})",
      R"({"event_type": 7})",
      R"({"event_type": ""})",
      R"({"task_id": "t"})",
      R"({"timestamp": "2024-05-01T10:05:00Z", "event_type": "spot_termination"})",
      R"({"timestamp": "2024-05-01T12:05:00+02:00", "event_type": "spot_termination"})",
      R"({"timestamp": "2024-13-01T10:05:00Z", "event_type": "spot_termination"})",
      R"({"timestamp": 5, "event_type": "spot_termination"})",
      "{\"event_type\":\t\"spot_termination\"}",
      "{\"event_type\": \"a\x01\"}",
      R"({"unknown": {"deep": [1, {"x": "y"}]}, "event_type": "fatal_exception", "exception": "boom"})",
      "\xEF\xBB\xBF{\"event_type\": \"spot_termination\"}",
  };
  for (const auto& text : cases) ExpectSameDecoding(text);
}

TEST(EventScanner, AgreesWithNlohmannOnRandomMutations) {
  const std::string base = kCompleted;
  const std::string alphabet = "{}[]:,\"\\ -+.eE0123456789tfnaulrsx\t";
  std::mt19937 rng(12345);
  for (int i = 0; i < 20000; ++i) {
    std::string text = base;
    int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      size_t pos = rng() % text.size();
      char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          text.erase(pos, 1);
          break;
        case 1:
          text.insert(pos, 1, c);
          break;
        default:
          text[pos] = c;
          break;
      }
    }
    ExpectSameDecoding(text);
    if (::testing::Test::HasFailure()) break;
  }
}

}  // namespace
}  // namespace cloud_tasks::jobdb
