#pragma once
/// Transport errors that carry one more fact than their ErrorCode: whether the request
/// certainly never left this machine (connection refused, name not resolved). Such an
/// error is kUnavailable like any other lost answer, and its message says
/// "(request not sent)", which survives Status::WithContext; the retry decorator asks
/// RequestNotSent() before resending a request that is not idempotent.

#include <string>

#include "core/status.h"

namespace cloud_tasks::http {

/// kUnavailable, marked as "no byte of the request was written".
Status NotSentError(std::string message);

/// True for an error made by NotSentError (with or without added context).
bool RequestNotSent(const Status& status);

}  // namespace cloud_tasks::http
