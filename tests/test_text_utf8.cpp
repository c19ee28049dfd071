// engine/text/utf8: the one UTF-8 decoder (Unicode Table 3-7), on valid and broken input.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "text/utf8.hpp"

namespace {

using panelpack::text::decode_utf8;
using panelpack::text::find_invalid_utf8;
using panelpack::text::replace_invalid_utf8;
using panelpack::text::utf8_prefix_length;

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

TEST(Utf8, DecodesOneToFourByteCharacters) {
  const struct {
    std::string_view bytes;
    char32_t code_point;
  } cases[] = {{"A", U'A'},
               {"\xC3\xA9", U'\u00E9'},
               {"\xE2\x82\xAC", U'\u20AC'},
               {"\xED\x9F\xBF", U'\uD7FF'},
               {"\xEF\xBF\xBE", U'\uFFFE'},
               {"\xF0\x9F\x98\x80", U'\U0001F600'},
               {"\xF4\x8F\xBF\xBF", U'\U0010FFFF'}};
  for (const auto& [bytes, code_point] : cases) {
    const auto decoded = decode_utf8(bytes, 0);
    EXPECT_EQ(decoded.code_point, code_point) << bytes;
    EXPECT_EQ(decoded.length, bytes.size()) << bytes;
  }
}

TEST(Utf8, DecodesAtAnOffset) {
  const std::string_view text = "x\xC3\xA9y";
  EXPECT_EQ(decode_utf8(text, 1).code_point, U'\u00E9');
  EXPECT_EQ(decode_utf8(text, 1).length, 2U);
  EXPECT_EQ(decode_utf8(text, 3).code_point, U'y');
}

TEST(Utf8, RefusesInvalidOverlongAndSurrogateSequences) {
  const std::string_view bad[] = {
      "\x80",              // a continuation byte alone
      "\xBF",              // another
      "\xC0\x80",          // overlong NUL
      "\xC1\xBF",          // overlong DEL
      "\xE0\x80\x80",      // overlong three-byte
      "\xE0\x9F\xBF",      // overlong U+07FF
      "\xF0\x80\x80\x80",  // overlong four-byte
      "\xF0\x8F\xBF\xBF",  // overlong U+FFFF
      "\xED\xA0\x80",      // surrogate U+D800
      "\xED\xBF\xBF",      // surrogate U+DFFF
      "\xF4\x90\x80\x80",  // U+110000
      "\xF5\x80\x80\x80",  // no such lead byte
      "\xFF",              // never in UTF-8
      "\xE2\x82",          // cut short at the end
      "\xE2\x82\x41",      // cut short by ASCII
      "\xF0\x9F\x98",      // four-byte cut short
  };
  for (const std::string_view bytes : bad) {
    EXPECT_EQ(decode_utf8(bytes, 0).length, 0U) << testing::PrintToString(std::string(bytes));
    EXPECT_EQ(find_invalid_utf8(bytes), 0U) << testing::PrintToString(std::string(bytes));
  }
}

TEST(Utf8, FindsTheFirstBadByte) {
  EXPECT_EQ(find_invalid_utf8(""), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("plain \xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("ab\xC3"), 2U);
  EXPECT_EQ(find_invalid_utf8("caf\xE9 au lait"), 3U);  // Latin-1 é
  EXPECT_EQ(find_invalid_utf8("\xC3\xA9\xED\xA0\x80"), 2U);
}

TEST(Utf8, ReplacesEachBadByteAndKeepsWhatFollows) {
  EXPECT_EQ(replace_invalid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_EQ(replace_invalid_utf8("caf\xE9!"), "caf" + std::string(kReplacement) + "!");
  // Each byte of a broken sequence is one bad byte: E2 82 before 'b' gives two replacements.
  EXPECT_EQ(replace_invalid_utf8("a\xE2\x82"
                                 "b"),
            "a" + std::string(kReplacement) + std::string(kReplacement) + "b");
  // A bad byte never swallows the valid character after it.
  EXPECT_EQ(replace_invalid_utf8("\xC3\xC3\xA9"), std::string(kReplacement) + "\xC3\xA9");
  EXPECT_EQ(find_invalid_utf8(replace_invalid_utf8("\xED\xA0\x80\xC0\x80\xFF")),
            std::string_view::npos);
}

TEST(Utf8, PrefixNeverCutsACharacter) {
  const std::string_view text = "a\xC3\xA9\xE2\x82\xAC";  // a é €
  EXPECT_EQ(utf8_prefix_length(text, 0), 0U);
  EXPECT_EQ(utf8_prefix_length(text, 1), 1U);
  EXPECT_EQ(utf8_prefix_length(text, 2), 1U);
  EXPECT_EQ(utf8_prefix_length(text, 3), 3U);
  EXPECT_EQ(utf8_prefix_length(text, 5), 3U);
  EXPECT_EQ(utf8_prefix_length(text, 6), 6U);
  EXPECT_EQ(utf8_prefix_length(text, 60), 6U);
}

}  // namespace
