#include "auth/aws/credentials.h"

#include <gtest/gtest.h>

namespace cloud_tasks::auth::aws {
namespace {

TEST(Credentials, ToStringRedactsSecretAndToken) {
  Credentials c{.access_key_id = "AKIDEXAMPLE",
                .secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                .session_token = "SESSIONTOKENVALUE"};
  std::string text = ToString(c);
  EXPECT_NE(text.find("AKIDEXAMPLE"), std::string::npos);
  EXPECT_EQ(text.find("wJalrXUtnFEMI"), std::string::npos);
  EXPECT_EQ(text.find("SESSIONTOKENVALUE"), std::string::npos);
  EXPECT_NE(text.find("<redacted>"), std::string::npos);
}

TEST(Credentials, ToStringSaysWhenThereIsNoToken) {
  Credentials c{.access_key_id = "AKID", .secret_access_key = "s", .session_token = ""};
  EXPECT_FALSE(c.has_session_token());
  EXPECT_EQ(ToString(c), "Credentials{access_key_id=AKID, secret=<redacted>, session_token=<none>}");
}

}  // namespace
}  // namespace cloud_tasks::auth::aws
