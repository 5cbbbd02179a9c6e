#include "auth/aws/shell_split.h"

namespace cloud_tasks::auth::aws {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<std::vector<std::string>> ShellSplit(std::string_view command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;  // a word has started (it may be empty: '')
  size_t i = 0;
  while (i < command.size()) {
    char c = command[i++];
    if (IsSpace(c)) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\\') {
      if (i >= command.size()) return InvalidArgumentError("No escaped character");
      word += command[i++];
      in_word = true;
    } else if (c == '\'') {
      size_t end = command.find('\'', i);
      if (end == std::string_view::npos) return InvalidArgumentError("No closing quotation");
      word.append(command.substr(i, end - i));
      i = end + 1;
      in_word = true;
    } else if (c == '"') {
      bool closed = false;
      while (i < command.size()) {
        char d = command[i++];
        if (d == '"') {
          closed = true;
          break;
        }
        if (d == '\\' && i < command.size() && (command[i] == '"' || command[i] == '\\')) {
          word += command[i++];
        } else {
          word += d;
        }
      }
      if (!closed) return InvalidArgumentError("No closing quotation");
      in_word = true;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace cloud_tasks::auth::aws
