#pragma once
/// Small string helpers shared by every layer.

#include <string>
#include <string_view>
#include <vector>

namespace cloud_tasks {

std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
std::string_view Trim(std::string_view s);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

/// Splits on any of `separators`, dropping empty pieces.
std::vector<std::string> SplitAny(std::string_view s, std::string_view separators);

std::string Join(const std::vector<std::string>& parts, std::string_view separator);

/// Levenshtein distance (insert, delete, substitute all cost 1).
size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo
/// (distance ≤ max(2, len/3)), else "".
std::string ClosestMatch(std::string_view word, const std::vector<std::string>& candidates);

/// Quotes `s` for a POSIX shell with single quotes ('it'\''s').
std::string ShellQuote(std::string_view s);

/// Shortens `s` to at most `max` bytes, ending with "..." when cut (UTF-8 safe).
std::string Abbreviate(std::string_view s, size_t max);

}  // namespace cloud_tasks
