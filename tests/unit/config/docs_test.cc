// docs/configuration.md documents every key of the table with its type, flag and default.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "config/keys.h"
#include "core/files.h"

namespace cloud_tasks::config {
namespace {

using ::testing::HasSubstr;

// The table row documenting `name`: the line that starts with "| `name` |".
std::string RowFor(const std::string& doc, std::string_view name) {
  std::istringstream lines(doc);
  const std::string prefix = "| `" + std::string(name) + "` |";
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

TEST(ConfigurationDoc, EveryKeyDocumentedWithDefault) {
  auto doc = ReadFileToString(std::string(CT_SOURCE_DIR) + "/docs/configuration.md");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  for (const KeyInfo& key : AllKeys()) {
    SCOPED_TRACE(std::string(key.name));
    std::string row = RowFor(*doc, key.name);
    ASSERT_FALSE(row.empty()) << "no table row for " << key.name;
    EXPECT_THAT(row, HasSubstr(std::string("| ") + KeyTypeName(key.type)));
    if (!key.default_text.empty()) {
      EXPECT_THAT(row, HasSubstr("| `" + std::string(key.default_text) + "`"));
    }
    if (key.group != Group::kFileOnly) {
      EXPECT_THAT(row, HasSubstr("`--" + DashedName(key.name)));
      if (key.type == KeyType::kBool) {
        EXPECT_THAT(row, HasSubstr("`--no-" + DashedName(key.name) + "`"));
      }
    }
    if (key.secret) {
      EXPECT_THAT(row, HasSubstr("(secret)"));
    }
  }
}

}  // namespace
}  // namespace cloud_tasks::config
