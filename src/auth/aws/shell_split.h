#pragma once
/// Splits a command line into words like Python's shlex.split (POSIX mode), which botocore
/// uses for `credential_process` — no shell runs the command. Whitespace separates words;
/// 'single quotes' keep everything; "double quotes" keep everything but `\"` and `\\`;
/// outside quotes a backslash escapes the next character; `''` is an empty word; `#` is
/// not a comment. Errors ("No closing quotation", "No escaped character") never quote the
/// command (it may hold a password).

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace cloud_tasks::auth::aws {

Result<std::vector<std::string>> ShellSplit(std::string_view command);

}  // namespace cloud_tasks::auth::aws
