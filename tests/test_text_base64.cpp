// engine/text/base64: the test vectors of RFC 4648 section 10, and bytes of every value.
#include <gtest/gtest.h>

#include <string>

#include "text/base64.hpp"

namespace {

using panelpack::text::base64;

TEST(Base64, MatchesRfc4648Vectors) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foob"), "Zm9vYg==");
  EXPECT_EQ(base64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
}

TEST(Base64, EncodesEveryByteOnOneLine) {
  EXPECT_EQ(base64(std::string("\xFF\xFE\x00", 3)), "//4A");
  EXPECT_EQ(base64(std::string("\0user\0secret", 12)), "AHVzZXIAc2VjcmV0");  // AUTH PLAIN
  const std::string long_input(300, '\xAB');
  const std::string encoded = base64(long_input);
  EXPECT_EQ(encoded.size(), 400U);
  EXPECT_EQ(encoded.find('\n'), std::string::npos);
  EXPECT_EQ(encoded.substr(0, 4), "q6ur");
}

}  // namespace
