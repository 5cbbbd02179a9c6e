#include "auth/aws/credential_process.h"

#include <gtest/gtest.h>

#include "chain_test_support.h"

namespace cloud_tasks::auth::aws {
namespace {

using testing::HasSecret;
using testing::kSecret;
using testing::kToken;
using testing::ScriptedRunner;
using testing::TempDir;

std::string GoodJson(const std::string& expiration = "") {
  std::string j = std::string(R"({"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": ")") + kSecret +
                  R"(", "SessionToken": ")" + kToken + "\"";
  if (!expiration.empty()) j += R"(, "Expiration": ")" + expiration + "\"";
  return j + "}";
}

TEST(ParseCredentialProcessOutput, AllFields) {
  auto r = ParseCredentialProcessOutput(GoodJson("2026-11-28T12:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->credentials.access_key_id, "AKIDPROC");
  EXPECT_EQ(r->credentials.secret_access_key, kSecret);
  EXPECT_EQ(r->credentials.session_token, kToken);
  ASSERT_TRUE(r->expiration.has_value());
  EXPECT_EQ(FormatIsoUtc(*r->expiration), "2026-11-28T12:00:00.000000+00:00");
}

TEST(ParseCredentialProcessOutput, TokenAndExpirationAreOptional) {
  auto r = ParseCredentialProcessOutput(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s"})");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->credentials.has_session_token());
  EXPECT_FALSE(r->expiration.has_value());
}

struct BadOutput {
  std::string text;
  std::string expect;
};

class ParseCredentialProcessBad : public ::testing::TestWithParam<BadOutput> {};

TEST_P(ParseCredentialProcessBad, ErrorNamesTheProblemNotTheValues) {
  auto r = ParseCredentialProcessOutput(GetParam().text);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(GetParam().expect), std::string::npos) << r.status().message();
  EXPECT_FALSE(HasSecret(r.status().message()));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseCredentialProcessBad,
    ::testing::Values(
        BadOutput{std::string("{\"SecretAccessKey\": \"") + kSecret + "\", oops", "output is not valid JSON"},
        BadOutput{"[1, 2]", "not a JSON object"},
        BadOutput{std::string(R"({"AccessKeyId": "A", "SecretAccessKey": ")") + kSecret + "\"}",
                  "Unsupported version '<Version key not provided>'"},
        BadOutput{R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s"})", "Unsupported version '2'"},
        BadOutput{R"({"Version": "1", "AccessKeyId": "A", "SecretAccessKey": "s"})", "Unsupported version"},
        BadOutput{std::string(R"({"Version": 1, "SecretAccessKey": ")") + kSecret + "\"}",
                  "Missing required key in response: 'AccessKeyId'"},
        BadOutput{R"({"Version": 1, "AccessKeyId": "A"})", "Missing required key in response: 'SecretAccessKey'"},
        BadOutput{R"({"Version": 1, "AccessKeyId": 5, "SecretAccessKey": "s"})", "'AccessKeyId' is not a string"},
        BadOutput{R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s", "Expiration": "soon"})",
                  "Expiration is not an ISO 8601 time"}));

class CredentialProcess : public ::testing::Test {
 protected:
  std::shared_ptr<SharedConfigSource> Files(const std::string& config) {
    SharedConfigPaths p;
    p.config_file = dir_.Write("config", config);
    p.credentials_file = dir_.path() + "/no-credentials";
    return std::make_shared<SharedConfigSource>(p, ProfileChoice{});
  }
  TempDir dir_;
  std::shared_ptr<ScriptedRunner> runner_ = std::make_shared<ScriptedRunner>();
};

TEST_F(CredentialProcess, RunsTheSplitCommandAndParsesItsOutput) {
  runner_->Answer(0, GoodJson());
  CredentialProcessProvider p(Files("[default]\ncredential_process = /opt/get-creds --account 'my acct'\n"), runner_);
  auto r = p.Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->source, "credential_process in profile default");
  EXPECT_EQ(r->credentials.access_key_id, "AKIDPROC");
  ASSERT_EQ(runner_->calls().size(), 1u);
  EXPECT_EQ(runner_->calls()[0], (std::vector<std::string>{"/opt/get-creds", "--account", "my acct"}));
}

TEST_F(CredentialProcess, NoCommandIsNotFound) {
  CredentialProcessProvider p(Files("[default]\nregion = r\n"), runner_);
  EXPECT_EQ(p.Load().status().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(runner_->calls().empty());
}

TEST_F(CredentialProcess, ExitOneCarriesTrimmedStderrButNotArguments) {
  runner_->Answer(1, "", "\n  token for account expired; run sso login  \n\n");
  CredentialProcessProvider p(Files("[default]\ncredential_process = get-creds --password hunter2\n"), runner_);
  auto r = p.Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.status().message(),
            "credential_process in profile default: get-creds exited with status 1: token for account "
            "expired; run sso login");
  EXPECT_EQ(r.status().message().find("hunter2"), std::string::npos);
}

TEST_F(CredentialProcess, LongStderrIsCut) {
  runner_->Answer(2, "", std::string(5000, 'e'));
  CredentialProcessProvider p(Files("[default]\ncredential_process = x\n"), runner_);
  auto r = p.Load();
  EXPECT_LT(r.status().message().size(), 1100u);
}

TEST_F(CredentialProcess, BadJsonStopsTheChain) {
  runner_->Answer(0, std::string("not json ") + kSecret);
  CredentialProcessProvider p(Files("[default]\ncredential_process = x\n"), runner_);
  auto r = p.Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("output is not valid JSON"), std::string::npos);
  EXPECT_FALSE(HasSecret(r.status().message()));
}

TEST_F(CredentialProcess, UnclosedQuoteInCommand) {
  CredentialProcessProvider p(Files("[default]\ncredential_process = x 'unclosed\n"), runner_);
  auto r = p.Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("No closing quotation"), std::string::npos);
}

TEST_F(CredentialProcess, ProgramThatCannotStartIsAnErrorNotASkip) {
  CredentialProcessProvider p(Files("[default]\ncredential_process = /nonexistent/get-creds\n"),
                              std::shared_ptr<ProcessRunner>(MakeForkExecRunner()));
  auto r = p.Load();
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("cannot run /nonexistent/get-creds"), std::string::npos)
      << r.status().message();
}

TEST_F(CredentialProcess, RealProcessWithoutAShell) {
  // The script prints its arguments into the JSON, proving the words arrive unsplit and
  // unexpanded (no shell: $HOME stays literal).
  std::string script = dir_.Write("get-creds.sh",
                                  "#!/bin/sh\n"
                                  "printf '{\"Version\": 1, \"AccessKeyId\": \"%s\", \"SecretAccessKey\": \"s\"}' "
                                  "\"$1|$2\"\n",
                                  true);
  CredentialProcessProvider p(Files("[default]\ncredential_process = " + script + " 'a b' $HOME\n"),
                              std::shared_ptr<ProcessRunner>(MakeForkExecRunner()));
  auto r = p.Load();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->credentials.access_key_id, "a b|$HOME");
}

TEST_F(CredentialProcess, RealProcessExitStatusAndStderr) {
  std::string script = dir_.Write("fail.sh", "#!/bin/sh\necho 'no session' >&2\nexit 3\n", true);
  CredentialProcessProvider p(Files("[default]\ncredential_process = " + script + "\n"),
                              std::shared_ptr<ProcessRunner>(MakeForkExecRunner()));
  auto r = p.Load();
  EXPECT_NE(r.status().message().find("exited with status 3: no session"), std::string::npos)
      << r.status().message();
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
