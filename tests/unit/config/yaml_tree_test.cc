#include "config/yaml_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace cloud_tasks::config {
namespace {

using ::testing::HasSubstr;

TEST(YamlTree, EmptyStreamIsNull) {
  auto root = ParseYaml("", "f.yml");
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(root->IsNull());
  auto comment = ParseYaml("# only a comment\n", "f.yml");
  ASSERT_TRUE(comment.ok());
  EXPECT_TRUE(comment->IsNull());
}

TEST(YamlTree, MarksAreOneBased) {
  auto root = ParseYaml("run:\n  max_instances: 5\n", "f.yml");
  ASSERT_TRUE(root.ok()) << root.status().message();
  ASSERT_EQ(root->kind, YamlNode::Kind::kMapping);
  const auto& run = root->entries.at(0);
  EXPECT_EQ(run.key, "run");
  EXPECT_EQ(run.key_mark.line, 1);
  EXPECT_EQ(run.key_mark.column, 1);
  const auto& max = run.value.entries.at(0);
  EXPECT_EQ(max.key_mark.line, 2);
  EXPECT_EQ(max.key_mark.column, 3);
  EXPECT_EQ(max.value.mark.line, 2);
  EXPECT_EQ(max.value.mark.column, 18);
  EXPECT_EQ(max.value.scalar, Json(5));
  EXPECT_EQ(FormatMark("f.yml", max.value.mark), "f.yml:2:18");
}

TEST(YamlTree, ScalarTyping) {
  auto root =
      ParseYaml("a: 12\nb: '12'\nc: 2.5\nd: yes\ne: ~\nf: !!str 7\ng: !!float 3\nh: |\n  x\n", "f.yml");
  ASSERT_TRUE(root.ok()) << root.status().message();
  const auto& e = root->entries;
  EXPECT_EQ(e[0].value.scalar, Json(12));
  EXPECT_EQ(e[1].value.scalar, Json("12"));
  EXPECT_EQ(e[2].value.scalar, Json(2.5));
  EXPECT_EQ(e[3].value.scalar, Json(true));
  EXPECT_TRUE(e[4].value.IsNull());
  EXPECT_EQ(e[5].value.scalar, Json("7"));
  EXPECT_TRUE(e[6].value.scalar.is_number());
  EXPECT_EQ(e[7].value.scalar, Json("x\n"));
}

TEST(YamlTree, CustomTagsRejected) {
  auto root = ParseYaml("a: !python/object x\n", "f.yml");
  EXPECT_THAT(root.status().message(), HasSubstr("f.yml:1:4: tags are not allowed"));
  auto bad_int = ParseYaml("a: !!int abc\n", "f.yml");
  EXPECT_THAT(bad_int.status().message(), HasSubstr("'abc' is not a valid !!int"));
}

TEST(YamlTree, DuplicateKeysNameBothLines) {
  auto root = ParseYaml("run:\n  a: 1\n  b: 2\n  a: 3\n", "f.yml");
  EXPECT_THAT(root.status().message(),
              HasSubstr("f.yml:4:3: duplicate key 'a' (first given on line 2, again on line 4)"));
}

TEST(YamlTree, SyntaxErrorHasPosition) {
  auto root = ParseYaml("run:\n  a: [1, 2\n", "f.yml");
  ASSERT_FALSE(root.ok());
  EXPECT_THAT(root.status().message(), HasSubstr("f.yml:"));
  EXPECT_THAT(root.status().message(), HasSubstr("invalid YAML"));
}

TEST(YamlTree, SingleDocumentOnly) {
  auto root = ParseYaml("a: 1\n---\nb: 2\n", "f.yml");
  EXPECT_THAT(root.status().message(), HasSubstr("f.yml:2:1: expected a single YAML document"));
}

TEST(YamlTree, AliasesAndMergeKeys) {
  auto root = ParseYaml("base: &b\n  x: 1\n  y: 2\nuse:\n  <<: *b\n  y: 3\nlist: *b\n", "f.yml");
  ASSERT_TRUE(root.ok()) << root.status().message();
  const auto& use = root->entries.at(1).value;
  ASSERT_EQ(use.entries.size(), 2u);
  EXPECT_EQ(use.entries[0].key, "y");  // explicit keys first, then merged ones
  EXPECT_EQ(use.entries[0].value.scalar, Json(3));
  EXPECT_EQ(use.entries[1].key, "x");
  const auto& alias = root->entries.at(2).value;
  EXPECT_EQ(alias.kind, YamlNode::Kind::kMapping);
  EXPECT_EQ(alias.mark.line, 7);  // placed at the alias
  auto unknown = ParseYaml("a: *nope\n", "f.yml");
  EXPECT_FALSE(unknown.ok());
}

TEST(YamlTree, BillionLaughsIsRefused) {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'h'; ++c, ++prev) {
    text += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + prev;
    text += "]\n";
  }
  auto root = ParseYaml(text, "f.yml");
  EXPECT_THAT(root.status().message(), HasSubstr("document too large"));
}

}  // namespace
}  // namespace cloud_tasks::config

namespace cloud_tasks::config {
namespace {

TEST(YamlTree, HostileShapes) {
  std::string deep(200, '[');
  deep += std::string(200, ']');
  EXPECT_THAT(ParseYaml("a: " + deep + "\n", "f.yml").status().message(),
              ::testing::HasSubstr("nesting too deep"));
  EXPECT_THAT(ParseYaml("a: &x [*x]\n", "f.yml").status().message(),
              ::testing::HasSubstr("unknown alias '*x'"));
  EXPECT_THAT(ParseYaml("? [a]\n: b\n", "f.yml").status().message(),
              ::testing::HasSubstr("f.yml:1:3: a mapping key must be a single value"));
  EXPECT_THAT(ParseYaml("a: !!map {b: 1}\nc: !!seq [1]\nd: !!set {e}\n", "f.yml").status().message(),
              ::testing::HasSubstr("f.yml:3:4: tags are not allowed (found 'tag:yaml.org,2002:set')"));
  EXPECT_THAT(ParseYaml("a: \"\\xff\"\nb: \xff\n", "f.yml").status().message(),
              ::testing::HasSubstr("invalid YAML"));
}

}  // namespace
}  // namespace cloud_tasks::config
