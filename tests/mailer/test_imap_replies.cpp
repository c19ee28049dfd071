// The IMAP module's pure parts, compiled in directly (they are not exported from it): untagged
// replies as Dovecot, Exchange and Gmail write them, INTERNALDATE with its zone, and an HTML
// body's words.

#include <gtest/gtest.h>

#include <chrono>

#include "mailer/html_text.hpp"
#include "mailer/imap_replies.hpp"

namespace {

namespace imap = panelpack::mailer::imap;
using std::chrono::system_clock;

system_clock::time_point utc(int y, unsigned m, unsigned d, int h, int min, int s) {
  using namespace std::chrono;
  return sys_days(year(y) / month(m) / day(d)) + hours(h) + minutes(min) + seconds(s);
}

TEST(ImapReplies, SearchResultsAreNumericallyOrdered) {
  EXPECT_EQ(imap::search_results("* SEARCH 12 3 100 7\r\n"),
            (std::vector<std::string>{"3", "7", "12", "100"}));
  EXPECT_TRUE(imap::search_results("* SEARCH\r\n").empty());
  EXPECT_TRUE(imap::search_results("* 3 EXISTS\r\n").empty());
}

TEST(ImapReplies, StatusCapabilityAndList) {
  EXPECT_EQ(imap::status_item("* STATUS \"Papers in\" (MESSAGES 3 UIDVALIDITY 1733400000)\r\n",
                              "UIDVALIDITY"),
            "1733400000");
  EXPECT_EQ(imap::status_item("* STATUS INBOX (MESSAGES 3)\r\n", "UIDVALIDITY"), "");
  const auto capabilities = imap::capabilities("* CAPABILITY IMAP4rev1 move UIDPLUS\r\n");
  EXPECT_EQ(capabilities.count("MOVE"), 1u);
  EXPECT_EQ(capabilities.count("IDLE"), 0u);
  EXPECT_TRUE(
      imap::lists_folder("* LIST (\\HasNoChildren) \"/\" \"Done papers\"\r\n", "Done papers"));
  EXPECT_TRUE(imap::lists_folder("* LIST (\\HasNoChildren) \".\" Filed\r\n", "Filed"));
  EXPECT_FALSE(imap::lists_folder("* LIST (\\HasNoChildren) \"/\" Filed2\r\n", "Filed"));
}

TEST(ImapReplies, FetchAttributesOfTheRightUid) {
  const std::string replies =
      "* 1 FETCH (UID 4 RFC822.SIZE 10 INTERNALDATE \"01-Dec-2026 10:15:00 +0000\" FLAGS ())\r\n"
      "* 2 FETCH (FLAGS (\\Seen $PanelpackFiled) UID 9 RFC822.SIZE 2048 INTERNALDATE "
      "\" 1-Dec-2026 15:45:00 +0530\")\r\n";
  const auto nine = imap::fetch_attributes(replies, "9");
  ASSERT_TRUE(nine.has_value());
  EXPECT_EQ(nine->size, 2048u);
  EXPECT_EQ(nine->flags, (std::vector<std::string>{"\\Seen", "$PanelpackFiled"}));
  ASSERT_TRUE(nine->internal_date.has_value());
  EXPECT_EQ(*nine->internal_date, utc(2026, 12, 1, 10, 15, 0));
  EXPECT_FALSE(imap::fetch_attributes(replies, "5").has_value());
}

TEST(ImapReplies, InternalDatesWithTheirZones) {
  EXPECT_EQ(imap::parse_internal_date("27-Mar-2026 01:30:00 -0700"), utc(2026, 3, 27, 8, 30, 0));
  EXPECT_EQ(imap::parse_internal_date("29-Feb-2028 23:59:59 +0100"), utc(2028, 2, 29, 22, 59, 59));
  EXPECT_FALSE(imap::parse_internal_date("30-Feb-2026 10:00:00 +0000").has_value());
  EXPECT_FALSE(imap::parse_internal_date("01-Foo-2026 10:00:00 +0000").has_value());
  EXPECT_FALSE(imap::parse_internal_date("").has_value());
}

TEST(ImapReplies, QuotedEscapesQuotesAndBackslashes) {
  EXPECT_EQ(imap::quoted("Done \"papers\"\\x"), "\"Done \\\"papers\\\"\\\\x\"");
}

TEST(HtmlText, WordsWithoutTagsScriptsOrEntities) {
  EXPECT_EQ(panelpack::mailer::html_to_text(
                "<html><head><title>x</title></head><body><p>Care&nbsp;plan for "
                "<b>LCS900108</b></p><p>A &amp; B &#8211; &#x2019;</p><script>alert(1)</script>"
                "<div>Jo</div></body></html>"),
            // Each paragraph's end and the next one's start: a blank line between paragraphs.
            "Care plan for LCS900108\n\nA & B \xE2\x80\x93 \xE2\x80\x99\n\nJo");
  EXPECT_EQ(panelpack::mailer::html_to_text("no tags &unknown; <unclosed"), "no tags &unknown;");
}

}  // namespace
