#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "templating/value_text.hpp"

namespace {

using nlohmann::json;
using panelpack::templating::append_xml_escaped;
using panelpack::templating::is_truthy;
using panelpack::templating::TextEscapes;
using panelpack::templating::value_to_text;

constexpr TextEscapes kEscapes{"<BR/>", "<TAB/>"};

std::string escaped(std::string_view text) {
  std::string out;
  append_xml_escaped(out, text, kEscapes);
  return out;
}

// --- value_to_text ------------------------------------------------------------------------

TEST(ValueToText, StringIsAsIs) {
  const json value = "Ada <Lovelace>";
  EXPECT_EQ(value_to_text(&value), "Ada <Lovelace>");
}

TEST(ValueToText, NumbersPrintAsJsonWritesThem) {
  const json decimal = 97.4;
  const json whole = 5;
  const json negative = -3;
  const json big = 18446744073709551615ULL;
  const json parsed_float = json::parse("2.50");
  EXPECT_EQ(value_to_text(&decimal), "97.4");
  EXPECT_EQ(value_to_text(&whole), "5");
  EXPECT_EQ(value_to_text(&negative), "-3");
  EXPECT_EQ(value_to_text(&big), "18446744073709551615");
  EXPECT_EQ(value_to_text(&parsed_float), "2.5");
}

TEST(ValueToText, BooleansPrintTrueFalse) {
  const json yes = true;
  const json no = false;
  EXPECT_EQ(value_to_text(&yes), "true");
  EXPECT_EQ(value_to_text(&no), "false");
}

TEST(ValueToText, NullMissingObjectsAndArraysPrintNothing) {
  const json null_value = nullptr;
  const json object = json::object({{"a", 1}});
  const json array = json::array({1, 2});
  EXPECT_EQ(value_to_text(nullptr), "");
  EXPECT_EQ(value_to_text(&null_value), "");
  EXPECT_EQ(value_to_text(&object), "");
  EXPECT_EQ(value_to_text(&array), "");
}

// --- is_truthy ----------------------------------------------------------------------------

TEST(IsTruthy, FalsyValues) {
  const json no = false;
  const json null_value = nullptr;
  const json empty_array = json::array();
  const json empty_string = "";
  EXPECT_FALSE(is_truthy(nullptr));
  EXPECT_FALSE(is_truthy(&no));
  EXPECT_FALSE(is_truthy(&null_value));
  EXPECT_FALSE(is_truthy(&empty_array));
  EXPECT_FALSE(is_truthy(&empty_string));
}

TEST(IsTruthy, TruthyValuesIncludeZeroAndEmptyObject) {
  const json zero = 0;
  const json zero_float = 0.0;
  const json empty_object = json::object();
  const json yes = true;
  const json text = "no";
  const json space = " ";
  const json list = json::array({false});
  const json number = -1;
  EXPECT_TRUE(is_truthy(&zero));
  EXPECT_TRUE(is_truthy(&zero_float));
  EXPECT_TRUE(is_truthy(&empty_object));
  EXPECT_TRUE(is_truthy(&yes));
  EXPECT_TRUE(is_truthy(&text));
  EXPECT_TRUE(is_truthy(&space));
  EXPECT_TRUE(is_truthy(&list));
  EXPECT_TRUE(is_truthy(&number));
}

// --- append_xml_escaped -------------------------------------------------------------------

TEST(AppendXmlEscaped, PlainTextIsCopied) {
  EXPECT_EQ(escaped("Plain text 123"), "Plain text 123");
  EXPECT_EQ(escaped(""), "");
}

TEST(AppendXmlEscaped, AppendsToExistingOutput) {
  std::string out = "<w:t>";
  append_xml_escaped(out, "a&b", kEscapes);
  EXPECT_EQ(out, "<w:t>a&amp;b");
}

TEST(AppendXmlEscaped, EachMarkupCharacterBecomesAnEntity) {
  EXPECT_EQ(escaped("&"), "&amp;");
  EXPECT_EQ(escaped("<"), "&lt;");
  EXPECT_EQ(escaped(">"), "&gt;");
  EXPECT_EQ(escaped("\""), "&quot;");
  EXPECT_EQ(escaped("'"), "&apos;");
  EXPECT_EQ(escaped("Tom & Jerry's <\"show\">"), "Tom &amp; Jerry&apos;s &lt;&quot;show&quot;&gt;");
}

TEST(AppendXmlEscaped, ValuesAreNeverReparsed) {
  EXPECT_EQ(escaped("{{x}}"), "{{x}}");
  EXPECT_EQ(escaped("&amp;"), "&amp;amp;");
}

TEST(AppendXmlEscaped, NewlineBecomesLineBreak) {
  EXPECT_EQ(escaped("a\nb"), "a<BR/>b");
  EXPECT_EQ(escaped("a\n\nb"), "a<BR/><BR/>b");
}

TEST(AppendXmlEscaped, CrLfIsOneLineBreak) {
  EXPECT_EQ(escaped("a\r\nb"), "a<BR/>b");
  EXPECT_EQ(escaped("a\r\n\r\nb"), "a<BR/><BR/>b");
}

TEST(AppendXmlEscaped, LoneCarriageReturnIsALineBreak) {
  EXPECT_EQ(escaped("a\rb"), "a<BR/>b");
  EXPECT_EQ(escaped("a\r"), "a<BR/>");
  EXPECT_EQ(escaped("a\n\rb"), "a<BR/><BR/>b");
}

TEST(AppendXmlEscaped, TabBecomesTab) {
  EXPECT_EQ(escaped("a\tb"), "a<TAB/>b");
}

TEST(AppendXmlEscaped, EmbeddedNulIsDroppedAndDoesNotCutTheValue) {
  EXPECT_EQ(escaped(std::string_view("a\0b", 3)), "ab");
  EXPECT_EQ(escaped(std::string_view("\0\0x\0", 4)), "x");
}

TEST(AppendXmlEscaped, ForbiddenControlCharactersAreDropped) {
  EXPECT_EQ(escaped("a\x01\x08\x0B\x0C\x0E\x1F"
                    "b"),
            "ab");
  EXPECT_EQ(escaped("x\x1b[0my"), "x[0my");
}

TEST(AppendXmlEscaped, DeleteAndC1ControlsAreAllowedByXml) {
  EXPECT_EQ(escaped("a\x7F"
                    "b"),
            "a\x7F"
            "b");
  EXPECT_EQ(escaped("a\xC2\x85"
                    "b"),
            "a\xC2\x85"
            "b");
}

TEST(AppendXmlEscaped, NonCharactersFffeAndFfffAreDropped) {
  EXPECT_EQ(escaped("a\xEF\xBF\xBE"
                    "b"),
            "ab");
  EXPECT_EQ(escaped("a\xEF\xBF\xBF"
                    "b"),
            "ab");
  // U+FFFD, the replacement character next to them, is allowed.
  EXPECT_EQ(escaped("\xEF\xBF\xBD"), "\xEF\xBF\xBD");
}

TEST(AppendXmlEscaped, ValidMultiByteTextIsKept) {
  EXPECT_EQ(escaped("caf\xC3\xA9"), "caf\xC3\xA9");  // é
  EXPECT_EQ(escaped("\xC2\xA3"
                    "5 \xE2\x98\x92"),
            "\xC2\xA3"
            "5 \xE2\x98\x92");                                         // £ ☒
  EXPECT_EQ(escaped("hi \xF0\x9F\x98\x80!"), "hi \xF0\x9F\x98\x80!");  // 😀
  EXPECT_EQ(escaped("\xF4\x8F\xBF\xBD"), "\xF4\x8F\xBF\xBD");          // U+10FFFD
  EXPECT_EQ(escaped("\xED\x9F\xBF"), "\xED\x9F\xBF");                  // U+D7FF
}

TEST(AppendXmlEscaped, LoneLeadByteIsDroppedNeighboursStay) {
  EXPECT_EQ(escaped("a\xC3"
                    "b"),
            "ab");
  EXPECT_EQ(escaped("end\xC3"), "end");
  // A truncated three-byte sequence loses both bytes; the é after it survives.
  EXPECT_EQ(escaped("a\xE2\x82\xC3\xA9"), "a\xC3\xA9");
}

TEST(AppendXmlEscaped, BytesThatNeverAppearInUtf8AreDropped) {
  EXPECT_EQ(escaped("a\xFF"
                    "b"),
            "ab");
  EXPECT_EQ(escaped("a\xFE\xF5\xF8"
                    "b"),
            "ab");
}

TEST(AppendXmlEscaped, StrayContinuationBytesAreDropped) {
  EXPECT_EQ(escaped("a\x80\xBF"
                    "b"),
            "ab");
}

TEST(AppendXmlEscaped, OverlongEncodingsAreDropped) {
  EXPECT_EQ(escaped("a\xC0\x80"
                    "b"),
            "ab");
  EXPECT_EQ(escaped("a\xC1\xBC"
                    "b"),
            "ab");  // overlong '<' must not become markup
  EXPECT_EQ(escaped("a\xE0\x80\xBC"
                    "b"),
            "ab");
  EXPECT_EQ(escaped("a\xF0\x80\x80\xBC"
                    "b"),
            "ab");
}

TEST(AppendXmlEscaped, EncodedSurrogatesAreDropped) {
  EXPECT_EQ(escaped("a\xED\xA0\x80"
                    "b"),
            "ab");
  EXPECT_EQ(escaped("a\xED\xBF\xBF"
                    "b"),
            "ab");
}

TEST(AppendXmlEscaped, CodePointsAboveUnicodeAreDropped) {
  EXPECT_EQ(escaped("a\xF4\x90\x80\x80"
                    "b"),
            "ab");
}

TEST(AppendXmlEscaped, MixedValueIsEscapedInOnePass) {
  static constexpr char kValue[] = "Line 1 & \xC3\xA9\r\nLine\t2\0 <end>\xFF";
  EXPECT_EQ(escaped(std::string_view(kValue, sizeof kValue - 1)),
            "Line 1 &amp; \xC3\xA9<BR/>Line<TAB/>2 &lt;end&gt;");
}

TEST(AppendXmlEscaped, UsesTheFormatsMarkup) {
  const TextEscapes docx{"</w:t><w:br/><w:t xml:space=\"preserve\">",
                         "</w:t><w:tab/><w:t xml:space=\"preserve\">"};
  std::string out;
  append_xml_escaped(out, "a\nb\tc", docx);
  EXPECT_EQ(out,
            "a</w:t><w:br/><w:t xml:space=\"preserve\">b"
            "</w:t><w:tab/><w:t xml:space=\"preserve\">c");
}

}  // namespace
