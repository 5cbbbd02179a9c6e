#pragma once
/// AWS refuses a signed request whose X-Amz-Date is more than 5 minutes from its own
/// clock. The answers (as botocore's ClientError handling lists them): RequestTimeTooSkewed,
/// RequestExpired, InvalidSignatureException and SignatureDoesNotMatch with "Signature
/// expired" / "Signature not yet current", and RequestInTheFuture. The message alone does
/// not say that this machine's clock is the culprit; StatusWithClockHint adds the fix.

#include "core/status.h"
#include "http/api_error.h"

namespace cloud_tasks::auth::aws {

/// True for the answers above.
bool IsClockSkewError(const http::ApiError& error);

/// http::ToStatus(error), with "; this machine's clock is probably wrong: check it
/// (timedatectl, chrony or ntp) and try again" when IsClockSkewError.
Status StatusWithClockHint(const http::ApiError& error);

}  // namespace cloud_tasks::auth::aws
