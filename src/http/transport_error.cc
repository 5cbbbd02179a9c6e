#include "http/transport_error.h"

namespace cloud_tasks::http {
namespace {
// A fixed phrase rather than a new ErrorCode: Status is the project-wide vocabulary and
// this fact matters only between a transport and the retry decorator.
constexpr const char* kNotSentMarker = " (request not sent)";
}  // namespace

Status NotSentError(std::string message) { return UnavailableError(std::move(message) + kNotSentMarker); }

bool RequestNotSent(const Status& status) {
  return status.code() == ErrorCode::kUnavailable &&
         status.message().find(kNotSentMarker) != std::string::npos;
}

}  // namespace cloud_tasks::http
