// The audit's codes in words (office/console/audit.hpp): every action code the program writes
// (found in the sources by how they write it) has its own words, not the fallback; views are
// worded by what they showed; refusals say why; a code no table knows still reads.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "office/console/audit.hpp"

namespace {

namespace console = panelpack::office::console;
namespace fs = std::filesystem;

std::string text_of(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every action code the sources write: append_audit(..., {"code", ...}), about_user("code"),
// check_password(..., "code"), audit_refusal(..., "code", ...), answer_change(..., result,
// "code", ...), "code" : "code" choices made
// for an AuditEvent, and the pipeline's "view".
std::set<std::string> codes_in_sources() {
  const std::regex patterns[] = {
      std::regex(R"re(append_audit\([^;]*?\{\s*"([a-z_]+)")re"),
      std::regex(R"re(about_user\(\s*"([a-z_]+)")re"),
      std::regex(R"re(check_password\([^;]*?"([a-z_]+)"\))re"),
      std::regex(R"re(audit_refusal\(\w+, \w+, "([a-z_]+)")re"),
      std::regex(R"re(audit_change\(\w+, \w+, "([a-z_]+)")re"),
      std::regex(R"re(answer_change\([^;]*?\bresult[.\w]*,\s*"([a-z_]+)")re"),
      std::regex(R"re(\?\s*"([a-z]+_[a-z_]+)"\s*:\s*"[a-z_]+")re"),
      std::regex(R"re(\?\s*"[a-z_]+"\s*:\s*"([a-z]+_[a-z_]+)")re"),
  };
  std::set<std::string> codes{"view"};
  const fs::path source = PANELPACK_SOURCE_DIR;
  for (const char* folder : {"office/console", "console/server", "cli/commands"}) {
    for (const auto& entry : fs::directory_iterator(source / folder)) {
      if (entry.path().extension() != ".cpp") continue;
      const std::string text = text_of(entry.path());
      if (text.find("append_audit") == std::string::npos &&
          text.find("AuditEvent") == std::string::npos &&
          text.find("audited(") == std::string::npos)
        continue;
      for (const std::regex& pattern : patterns) {
        for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
          const std::string code = (*it)[1];
          // The ternaries also pick outcomes and redirects: only audit-shaped codes count.
          if (code.find("already_") == 0 || code.find("is_") == 0 || code == "refused_by_rule")
            continue;
          codes.insert(code);
        }
      }
    }
  }
  return codes;
}

TEST(AuditWords, EveryActionCodeTheSourcesWriteHasItsOwnWords) {
  const std::set<std::string> codes = codes_in_sources();
  // The scan finds the codes it must (so a broken scan cannot pass by finding nothing).
  for (const char* expected :
       {"sign_in",         "sign_out",       "password_check",  "password_set", "account_add",
        "account_disable", "account_enable", "account_reset",   "sessions_end", "page_refused",
        "csrf_refused",    "mail_retry",     "mail_cancel",     "audit_export", "booking_added",
        "booking_moved",   "paper_upload",   "calendar_change", "case_edit",    "session_end"}) {
    EXPECT_TRUE(codes.count(expected)) << expected << " was not found in the sources";
  }
  std::set<std::string> listed;
  for (const std::string_view code : console::audit_actions()) listed.emplace(code);
  for (const std::string& code : codes) {
    EXPECT_TRUE(listed.count(code)) << code << " is written but not in audit_actions()";
    const std::string words = console::action_words(code);
    EXPECT_NE(words.find(' '), std::string::npos) << code << ": " << words;
    EXPECT_EQ(words.find('_'), std::string::npos) << code << ": " << words;
  }
}

TEST(AuditWords, NamedCodesReadAsTheAuditPageSaysThem) {
  EXPECT_EQ(console::action_words("sign_in"), "Signed in");
  EXPECT_EQ(console::action_words("sign_out"), "Signed out");
  EXPECT_EQ(console::action_words("mail_retry"), "Sent an email again");
  EXPECT_EQ(console::action_words("mail_cancel"), "Cancelled an email");
  EXPECT_EQ(console::action_words("audit_export"), "Downloaded the audit as CSV");
  EXPECT_EQ(console::action_words("view", "case"), "Viewed a case");
  EXPECT_EQ(console::action_words("view", "mail"), "Viewed the mail");
  EXPECT_EQ(console::action_words("view", "sitting"), "Viewed a sitting");
  EXPECT_EQ(console::action_words("view", "something_new"), "Viewed a page");
}

TEST(AuditWords, ARefusedRowSaysWhy) {
  console::AuditEntry entry;
  entry.action = "sign_in";
  entry.object_kind = "user";
  entry.outcome = "wrong_password";
  EXPECT_EQ(console::audit_words(entry), "Sign-in refused: wrong password");
  entry.outcome = "locked";
  EXPECT_EQ(console::audit_words(entry),
            "Sign-in refused: the account is locked after too many wrong passwords");
  entry.outcome = "ok";
  EXPECT_EQ(console::audit_words(entry), "Signed in");
  entry.action = "mail_retry";
  entry.object_kind = "email";
  entry.outcome = "not_changeable";
  EXPECT_EQ(console::audit_words(entry), "Sent an email again: not possible in the email's state");
  entry.action = "account_disable";
  entry.outcome = "already_disabled";
  EXPECT_EQ(console::audit_words(entry), "Disabled an account: it was already disabled");
}

TEST(AuditWords, ACodeNoTableKnowsStillReads) {
  EXPECT_EQ(console::action_words("booking_move"), "Booking move");
  EXPECT_EQ(console::outcome_words("stale_form"), "Stale form");
}

}  // namespace
