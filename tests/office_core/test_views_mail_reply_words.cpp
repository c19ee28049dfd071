// The relay's reply in plain words (office/views/mail_reply_words.hpp): a permanent refusal
// names the address to check, a temporary one says it will be tried again, a connection
// error says the mail server could not be reached, no reply says nothing.

#include <gtest/gtest.h>

#include "office/views/mail_reply_words.hpp"

namespace {

using panelpack::office::smtp_reply_in_words;

TEST(MailReplyWords, EachKindOfReplyIsSaidPlainly) {
  EXPECT_EQ(smtp_reply_in_words(""), "");
  EXPECT_EQ(smtp_reply_in_words("550 5.1.1 mailbox unavailable"),
            "The recipient's mailbox does not exist or refuses mail: check the email address.");
  EXPECT_EQ(smtp_reply_in_words("451 try later"),
            "The mail server could not take it for now; it will be tried again.");
  EXPECT_EQ(smtp_reply_in_words("471 odd"),
            "The mail server could not take it for now; it will be tried again.");
  EXPECT_EQ(smtp_reply_in_words("599 odd"), "The mail server refused it.");
  EXPECT_EQ(smtp_reply_in_words("connection refused by 127.0.0.1:9"),
            "panelpack could not reach the mail server (it may be down, or its address wrong).");
  EXPECT_EQ(smtp_reply_in_words("2500 not a code"),
            "panelpack could not reach the mail server (it may be down, or its address wrong).");
}

}  // namespace
