// The console's sessions (office/console/sessions.hpp): a token stored only as its hash, the
// sliding idle timeout and the absolute limit on an injected clock, the CSRF token compared in
// constant time, sign-out, and the sessions a disabling, reset or password change ends.

#include <fstream>

#include "console_fixture.hpp"
#include "office/console/accounts.hpp"
#include "office/console/console_crypto.hpp"
#include "office/console/sessions.hpp"

namespace panelpack::testing {
namespace {

using namespace office::console;
using std::chrono::minutes;

const Actor kAdmin{"admin@council.example", "127.0.0.1"};

class Sessions : public ConsoleTest {
 protected:
  Sessions() {
    add_account(store(), {"lee@council.example", "Lee", Role::member, {"aep"}}, kAdmin);
  }
  SessionStatus status_of(const std::string& token) { return find_session(store(), token).status; }

  // Every byte of the console's folder: the database, its WAL and shared memory.
  std::string console_bytes() {
    std::string bytes;
    for (const auto& entry : std::filesystem::directory_iterator(store().file().parent_path())) {
      std::string file(static_cast<std::size_t>(std::filesystem::file_size(entry.path())), '\0');
      std::ifstream(entry.path(), std::ios::binary)
          .read(file.data(), static_cast<std::streamsize>(file.size()));
      bytes += file;
    }
    return bytes;
  }
};

TEST_F(Sessions, AStartedSessionIsFoundWithItsAccountAndCsrfToken) {
  const NewSession started = start_session(store(), "LEE@council.example", "10.0.0.7");
  EXPECT_EQ(started.token.size(), 43u);  // 32 random bytes, unpadded base64url
  EXPECT_EQ(started.csrf_token.size(), 43u);
  EXPECT_NE(started.token, started.csrf_token);
  const SessionLookup lookup = find_session(store(), started.token);
  ASSERT_EQ(lookup.status, SessionStatus::valid);
  EXPECT_EQ(lookup.session->account.user_name, "lee@council.example");
  EXPECT_EQ(lookup.session->account.panels, std::vector<std::string>{"aep"});
  EXPECT_EQ(lookup.session->csrf_token, started.csrf_token);
  EXPECT_EQ(status_of(started.token + "x"), SessionStatus::unknown);
  EXPECT_EQ(status_of(""), SessionStatus::unknown);
}

TEST_F(Sessions, TheTokenIsStoredOnlyAsItsHash) {
  const NewSession started = start_session(store(), "lee@council.example", "10.0.0.7");
  ASSERT_EQ(status_of(started.token), SessionStatus::valid);
  const std::string bytes = console_bytes();
  EXPECT_EQ(bytes.find(started.token), std::string::npos);
  EXPECT_NE(bytes.find(sha256_hex(started.token)), std::string::npos);
  EXPECT_EQ(query("SELECT token_hash FROM sessions"), sha256_hex(started.token));
}

TEST_F(Sessions, ItEndsAfterThirtyMinutesUnusedAndEachUseRenewsIt) {
  const NewSession started = start_session(store(), "lee@council.example", "10.0.0.7");
  for (int i = 0; i < 4; ++i) {
    clock().advance(minutes(29));
    EXPECT_EQ(status_of(started.token), SessionStatus::valid) << i;
  }
  clock().advance(minutes(30));
  EXPECT_EQ(status_of(started.token), SessionStatus::idle_expired);
  EXPECT_EQ(status_of(started.token), SessionStatus::unknown);
  EXPECT_EQ(query("SELECT COUNT(*) FROM sessions"), "0");
  // The end is audited once, when it was found.
  EXPECT_EQ(query("SELECT actor || ' ' || action || ' ' || outcome FROM audit WHERE action = "
                  "'session_end'"),
            "lee@council.example session_end idle");
}

TEST_F(Sessions, ItEndsTwelveHoursAfterSignInHoweverMuchItIsUsed) {
  const NewSession started = start_session(store(), "lee@council.example", "10.0.0.7");
  for (int i = 0; i < 35; ++i) {  // every 20 minutes for 11 h 40 min
    clock().advance(minutes(20));
    ASSERT_EQ(status_of(started.token), SessionStatus::valid) << i;
  }
  clock().advance(minutes(20));
  EXPECT_EQ(find_session(store(), started.token, "10.0.0.9").status, SessionStatus::limit_expired);
  EXPECT_EQ(query("SELECT outcome || ' ' || client FROM audit WHERE action = 'session_end'"),
            "limit 10.0.0.9");
}

TEST_F(Sessions, TheCsrfTokenMustMatchExactly) {
  const NewSession started = start_session(store(), "lee@council.example", "10.0.0.7");
  const Session session = *find_session(store(), started.token).session;
  EXPECT_TRUE(csrf_matches(session, started.csrf_token));
  EXPECT_FALSE(csrf_matches(session, ""));
  EXPECT_FALSE(csrf_matches(session, started.csrf_token.substr(1)));
  std::string changed = started.csrf_token;
  changed.back() = changed.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(csrf_matches(session, changed));
  EXPECT_FALSE(csrf_matches(session, started.token));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
}

TEST_F(Sessions, SignOutEndsTheSessionAndIsAudited) {
  const NewSession started = start_session(store(), "lee@council.example", "10.0.0.7");
  end_session(store(), started.token, "10.0.0.7");
  EXPECT_EQ(status_of(started.token), SessionStatus::unknown);
  EXPECT_EQ(query("SELECT actor || ' ' || action || ' ' || client FROM audit ORDER BY id DESC"),
            "lee@council.example sign_out 10.0.0.7");
  end_session(store(), started.token, "10.0.0.7");  // a second sign-out changes nothing
  EXPECT_EQ(query("SELECT COUNT(*) FROM audit WHERE action = 'sign_out'"), "1");
}

TEST_F(Sessions, DisablingOrResettingEndsEverySessionOfTheAccount) {
  const NewSession first = start_session(store(), "lee@council.example", "10.0.0.7");
  const NewSession second = start_session(store(), "lee@council.example", "10.0.0.8");
  disable_account(store(), "lee@council.example", kAdmin);
  EXPECT_EQ(query("SELECT COUNT(*) FROM sessions"), "0");
  EXPECT_EQ(status_of(first.token), SessionStatus::unknown);
  EXPECT_THROW(start_session(store(), "lee@council.example", "10.0.0.7"), office::OfficeError);

  enable_account(store(), "lee@council.example", kAdmin);
  const NewSession third = start_session(store(), "lee@council.example", "10.0.0.7");
  reset_account(store(), "lee@council.example", kAdmin);
  EXPECT_EQ(status_of(third.token), SessionStatus::unknown);
  EXPECT_EQ(status_of(second.token), SessionStatus::unknown);
}

TEST_F(Sessions, ASessionOfADisabledAccountIsRefusedEvenIfItsRowRemains) {
  const NewSession started = start_session(store(), "lee@council.example", "10.0.0.7");
  // As if another process disabled the account without ending its sessions.
  ASSERT_EQ(execute("UPDATE accounts SET disabled = 1"), "");
  EXPECT_EQ(status_of(started.token), SessionStatus::account_disabled);
}

TEST_F(Sessions, ChangingThePasswordKeepsOnlyTheSessionItWasChangedFrom) {
  const NewSession here = start_session(store(), "lee@council.example", "10.0.0.7");
  const NewSession elsewhere = start_session(store(), "lee@council.example", "10.0.0.8");
  set_password(store(), "lee@council.example", "a long enough phrase",
               {"lee@council.example", "10.0.0.7"}, here.token);
  EXPECT_EQ(status_of(here.token), SessionStatus::valid);
  EXPECT_EQ(status_of(elsewhere.token), SessionStatus::unknown);
  EXPECT_EQ(end_sessions_of(store(), "lee@council.example", kAdmin), 1);
  EXPECT_EQ(status_of(here.token), SessionStatus::unknown);
}

TEST_F(Sessions, ADisablingFromAnotherStoreOnTheFileEndsTheSessionsThisOneFinds) {
  // The server's store and the command line's, as two processes would hold them.
  const NewSession started = start_session(store(), "lee@council.example", "10.0.0.7");
  ConsoleStore command_line(root(), {"permanence", "aep", "pptm"}, clock().clock());
  disable_account(command_line, "lee@council.example", {"-", "cli:test"});
  EXPECT_EQ(status_of(started.token), SessionStatus::unknown);
  EXPECT_EQ(query("SELECT client FROM audit ORDER BY id DESC"), "cli:test");
}

// The sign-in form's token pair (sign-in part, issue 13): random, and matched exactly.
TEST(FormTokens, AreRandomAndMatchOnlyTheirOwnValue) {
  const std::string first = new_form_token();
  const std::string second = new_form_token();
  EXPECT_EQ(first.size(), 43u);
  EXPECT_NE(first, second);
  EXPECT_TRUE(form_tokens_match(first, first));
  EXPECT_FALSE(form_tokens_match(first, second));
  EXPECT_FALSE(form_tokens_match(first, first.substr(1)));
  EXPECT_FALSE(form_tokens_match("", ""));
}

}  // namespace
}  // namespace panelpack::testing
