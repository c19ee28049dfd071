#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "mailer/mail_error.hpp"
#include "mailer/message.hpp"

namespace mailer = panelpack::mailer;

namespace {

std::string code_of_address(const std::string& email) {
  try {
    mailer::validate_address(email);
  } catch (const mailer::MailError& error) {
    return error.code();
  }
  return "accepted";
}

mailer::Message minimal_message() {
  mailer::Message message;
  message.from = {"Panel Office", "panel@example.org"};
  message.to = {{"Jo", "jo@example.org"}};
  message.subject = "Hello";
  message.text = "Hi";
  return message;
}

std::string code_of_message(const mailer::Message& message) {
  try {
    mailer::validate_message(message);
  } catch (const mailer::MailError& error) {
    return error.code();
  }
  return "accepted";
}

}  // namespace

TEST(Address, AcceptsPlainAddresses) {
  for (const std::string email :
       {"jo@example.org", "jo.bloggs+panel@sub.example.org", "admin@localhost",
        "o'neil@example.co.uk", "a-b_c@xn--bcher-kva.de"}) {
    EXPECT_EQ(code_of_address(email), "accepted") << email;
  }
}

TEST(Address, RefusesWhatCouldBreakACommandOrAHeader) {
  const std::vector<std::string> bad = {
      "",
      "jo",
      "jo@@example.org",
      "jo@example.org@evil.org",
      "jo@example.org\r\nRCPT TO:<evil@evil.org>",
      "jo@example.org\n",
      "jo bloggs@example.org",
      "<jo@example.org>",
      "jo@example.org>",
      "j\xC3\xB3@example.org",
      "jo@ex\xC3\xA4mple.org",
      ".jo@example.org",
      "jo.@example.org",
      "jo..b@example.org",
      "jo@-example.org",
      "jo@example..org",
      "jo@example.org.",
      "\"jo\"@example.org",
      "jo,ev@example.org",
      "jo@[127.0.0.1]",
      "jo\\@example.org",
      std::string(65, 'a') + "@example.org",
      "jo@" + std::string(64, 'a') + ".org",
      std::string("jo\0@example.org", 16),
  };
  for (const std::string& email : bad)
    EXPECT_EQ(code_of_address(email), "invalid_address") << email;
}

TEST(MessageId, IsRandomHexAtTheDomain) {
  const std::regex shape(R"(<[0-9a-f]{14}\.[0-9a-f]{32}@example\.org>)");
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = mailer::make_message_id("example.org");
    EXPECT_TRUE(std::regex_match(id, shape)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000U);
}

TEST(MessageId, RefusesADomainThatIsNotAHostName) {
  EXPECT_THROW(mailer::make_message_id("exa mple.org"), mailer::MailError);
  EXPECT_THROW(mailer::make_message_id("example.org>\r\nBcc: x"), mailer::MailError);
}

TEST(DomainPolicy, AllowsTheDomainAndItsSubdomainsOnly) {
  const std::vector<std::string> allowed = {"Example.ORG", "council.gov.uk"};
  EXPECT_TRUE(mailer::domain_allowed("jo@example.org", allowed));
  EXPECT_TRUE(mailer::domain_allowed("jo@EXAMPLE.org", allowed));
  EXPECT_TRUE(mailer::domain_allowed("jo@children.example.org", allowed));
  EXPECT_TRUE(mailer::domain_allowed("jo@council.gov.uk", allowed));
  EXPECT_FALSE(mailer::domain_allowed("jo@evil-example.org", allowed));
  EXPECT_FALSE(mailer::domain_allowed("jo@example.org.evil.com", allowed));
  EXPECT_FALSE(mailer::domain_allowed("jo@gov.uk", allowed));
  EXPECT_TRUE(mailer::domain_allowed("jo@anywhere.net", {}));
}

TEST(ValidateMessage, RefusesExtraHeadersThatAreMalformedOrReserved) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Bcc", "reserved_header"},
      {"content-type", "reserved_header"},
      {"Message-ID", "reserved_header"},
      {"X-Bad Name", "invalid_header_name"},
      {"X-Evil\r\nBcc", "invalid_header_name"},
      {"X-Colon:", "invalid_header_name"},
      {"", "invalid_header_name"},
      {"X-Panel-Key", "accepted"},
  };
  for (const auto& [name, expected] : cases) {
    mailer::Message message = minimal_message();
    message.extra_headers = {{name, "value"}};
    EXPECT_EQ(code_of_message(message), expected) << name;
  }
}

TEST(ValidateMessage, NeedsAToAndAWellFormedMessageId) {
  mailer::Message message = minimal_message();
  message.to.clear();
  EXPECT_EQ(code_of_message(message), "missing_recipient");
  message = minimal_message();
  message.message_id = "<no-at-sign>";
  EXPECT_EQ(code_of_message(message), "invalid_message_id");
  message.message_id = "<a@b>\r\nBcc: x";
  EXPECT_EQ(code_of_message(message), "invalid_message_id");
  message.message_id = "<a.b@example.org>";
  EXPECT_EQ(code_of_message(message), "accepted");
  message.attachments = {{"/tmp/x.pdf", "x.pdf", "application/pdf; name=x"}};
  EXPECT_EQ(code_of_message(message), "invalid_content_type");
}

TEST(MailError, KnowsWhichCodesAreAboutTheSession) {
  EXPECT_TRUE(mailer::MailError("certificate_rejected", "h:25", "x").session_level());
  EXPECT_TRUE(mailer::MailError("timeout", "h:25", "x", true).session_level());
  EXPECT_FALSE(mailer::MailError("invalid_address", "jo", "x").session_level());
  EXPECT_TRUE(mailer::MailError("timeout", "h:25", "x", true).temporary());
}

TEST(ValidateMessage, ACalendarPartNeedsRequestOrCancelAndAVcalendar) {
  mailer::Message message = minimal_message();
  message.calendar = mailer::CalendarPart{"REQUEST", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"};
  EXPECT_EQ(code_of_message(message), "accepted");
  message.calendar->method = "CANCEL";
  EXPECT_EQ(code_of_message(message), "accepted");
  for (const std::string method : {"PUBLISH", "request", "", "REQUEST\r\nX-Bad: 1"}) {
    message.calendar->method = method;
    EXPECT_EQ(code_of_message(message), "invalid_calendar") << method;
  }
  message.calendar->method = "REQUEST";
  for (const std::string text : {"", "\r\nBEGIN:VCALENDAR", "BEGIN:VEVENT\r\n"}) {
    message.calendar->text = text;
    EXPECT_EQ(code_of_message(message), "invalid_calendar") << text;
  }
}
