// The console's accounts (office/console/accounts.hpp, sign_in.hpp): Argon2id hashes, one-time
// passwords, the password rule, disabling, resetting, lock-out after wrong passwords and its
// release as the clock moves, the unknown user, and sign-ins from many threads at once.

#include <algorithm>
#include <regex>
#include <thread>
#include <vector>

#include "console_fixture.hpp"
#include "office/console/accounts.hpp"
#include "office/console/sign_in.hpp"
#include "office/error.hpp"

namespace panelpack::testing {
namespace {

using namespace office::console;
using office::OfficeError;

const Actor kAdmin{"admin@council.example", "127.0.0.1"};

class Accounts : public ConsoleTest {
 protected:
  OneTimePassword add(const std::string& user, Role role = Role::administrator,
                      std::vector<std::string> panels = {}) {
    return add_account(store(), {user, "", role, std::move(panels)}, kAdmin);
  }
  SignInStatus sign_in(const std::string& user, const std::string& password) {
    return verify_sign_in(store(), user, password, "10.0.0.7").status;
  }
  std::string audit_count(const std::string& action, const std::string& outcome) {
    return query("SELECT COUNT(*) FROM audit WHERE action = '" + action + "' AND outcome = '" +
                 outcome + "'");
  }
};

// The OfficeError `work` throws, or a failure.
template <typename Work>
OfficeError refusal(Work work) {
  try {
    work();
  } catch (const OfficeError& error) {
    return error;
  }
  ADD_FAILURE() << "no OfficeError";
  return OfficeError(OfficeError::Code::machine_failure, "none");
}

TEST_F(Accounts, AddStoresAnArgon2idHashAndAOneTimePasswordThatSignsIn) {
  const OneTimePassword one_time = add("Alice.Smith@Council.Example", Role::member, {"pptm"});
  EXPECT_EQ(one_time.user_name, "alice.smith@council.example");
  EXPECT_TRUE(std::regex_match(one_time.password,
                               std::regex("[2-9A-HJ-KM-NP-Z]{4}(-[2-9A-HJ-KM-NP-Z]{4}){3}")))
      << one_time.password;
  const std::string hash = query("SELECT password_hash FROM accounts");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << hash;
  EXPECT_EQ(hash.find(one_time.password), std::string::npos);

  const SignInOutcome outcome =
      verify_sign_in(store(), "ALICE.SMITH@council.example", one_time.password, "10.0.0.7");
  ASSERT_EQ(outcome.status, SignInStatus::ok);
  EXPECT_TRUE(outcome.account->must_change_password);
  EXPECT_EQ(outcome.account->role, Role::member);
  EXPECT_EQ(outcome.account->panels, std::vector<std::string>{"pptm"});
  EXPECT_EQ(sign_in("alice.smith@council.example", "K7QM-3XRT-HW9P-CN4E"),
            SignInStatus::wrong_password);
}

TEST_F(Accounts, UserNamesAreUniqueWithoutCase) {
  add("bob@council.example");
  const OfficeError error = refusal([&] { add("BOB@council.example", Role::viewer); });
  EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
  EXPECT_NE(std::string(error.what()).find("already an account named 'bob@council.example'"),
            std::string::npos)
      << error.what();
  EXPECT_EQ(query("SELECT COUNT(*) FROM accounts"), "1");
  EXPECT_TRUE(find_account(store(), "Bob@Council.Example").has_value());
}

TEST_F(Accounts, RefusesWhatIsNotAUserNameRoleOrPanel) {
  EXPECT_EQ(refusal([&] { add("bob smith"); }).code(), OfficeError::Code::bad_input);
  EXPECT_EQ(refusal([&] { add("@council.example"); }).code(), OfficeError::Code::bad_input);
  const OfficeError unknown =
      refusal([&] { add("m@council.example", Role::member, {"fostering"}); });
  EXPECT_EQ(unknown.code(), OfficeError::Code::bad_input);
  EXPECT_EQ(std::string(unknown.what()),
            "office.json has no panel 'fostering': its panels are permanence, aep, pptm");
  EXPECT_EQ(refusal([&] { add("m@council.example", Role::member); }).code(),
            OfficeError::Code::bad_input);
  EXPECT_EQ(refusal([&] { add("a@council.example", Role::administrator, {"aep"}); }).code(),
            OfficeError::Code::bad_input);
  EXPECT_EQ(query("SELECT COUNT(*) FROM accounts"), "0");
  EXPECT_EQ(parse_role("chair"), Role::chair);
  EXPECT_FALSE(parse_role("superuser").has_value());
}

TEST_F(Accounts, ListsAccountsInNameOrderWithTheirPanels) {
  add("zoe@council.example", Role::viewer);
  add("chair@council.example", Role::chair, {"permanence", "aep", "aep"});
  const std::vector<AccountSummary> accounts = list_accounts(store());
  ASSERT_EQ(accounts.size(), 2u);
  EXPECT_EQ(accounts[0].user_name, "chair@council.example");
  EXPECT_EQ(accounts[0].display_name, "chair@council.example");
  EXPECT_EQ(accounts[0].panels, (std::vector<std::string>{"aep", "permanence"}));
  EXPECT_EQ(accounts[1].role, Role::viewer);
  EXPECT_FALSE(accounts[1].disabled);
}

TEST_F(Accounts, ADisabledAccountCannotSignInUntilEnabled) {
  add("ada@council.example");  // another administrator: carol is not the last
  const OneTimePassword one_time = add("carol@council.example");
  EXPECT_TRUE(disable_account(store(), "carol@council.example", kAdmin));
  EXPECT_FALSE(disable_account(store(), "carol@council.example", kAdmin));
  EXPECT_EQ(sign_in("carol@council.example", one_time.password), SignInStatus::disabled);
  // Only someone who knows the password learns that the account is disabled.
  EXPECT_EQ(sign_in("carol@council.example", "not the password"), SignInStatus::wrong_password);
  EXPECT_TRUE(enable_account(store(), "carol@council.example", kAdmin));
  EXPECT_EQ(sign_in("carol@council.example", one_time.password), SignInStatus::ok);
  EXPECT_EQ(refusal([&] { disable_account(store(), "nobody@council.example", kAdmin); }).code(),
            OfficeError::Code::bad_input);
}

TEST_F(Accounts, TheLastAdministratorWhoCanSignInIsNotDisabled) {
  add("ada@council.example");
  add("vic@council.example", Role::viewer);
  const OfficeError error =
      refusal([&] { disable_account(store(), "ada@council.example", kAdmin); });
  EXPECT_EQ(error.code(), OfficeError::Code::bad_input);
  EXPECT_NE(std::string(error.what()).find("only administrator"), std::string::npos);
  EXPECT_FALSE(list_accounts(store())[0].disabled);
  EXPECT_TRUE(disable_account(store(), "vic@council.example", kAdmin));  // a viewer may go
  add("bea@council.example");
  EXPECT_TRUE(disable_account(store(), "ada@council.example", kAdmin));  // bea remains
  EXPECT_EQ(refusal([&] { disable_account(store(), "bea@council.example", kAdmin); }).code(),
            OfficeError::Code::bad_input);
}

TEST_F(Accounts, LocksAfterFiveWrongPasswordsForFifteenMinutes) {
  const OneTimePassword one_time = add("dan@council.example");
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(sign_in("dan@council.example", "wrong password " + std::to_string(i)),
              SignInStatus::wrong_password);
  }
  EXPECT_EQ(query("SELECT failed_attempts FROM accounts"), "4");
  const SignInOutcome fifth = verify_sign_in(store(), "dan@council.example", "wrong", "10.0.0.7");
  ASSERT_EQ(fifth.status, SignInStatus::locked);
  EXPECT_EQ(*fifth.locked_until, clock().now() + std::chrono::minutes(15));
  // Locked: even the right password is refused, until the time has passed.
  EXPECT_EQ(sign_in("dan@council.example", one_time.password), SignInStatus::locked);
  clock().advance(std::chrono::minutes(14));
  EXPECT_EQ(sign_in("dan@council.example", one_time.password), SignInStatus::locked);
  EXPECT_TRUE(find_account(store(), "dan@council.example")->locked_until.has_value());
  clock().advance(std::chrono::minutes(1));
  EXPECT_EQ(sign_in("dan@council.example", one_time.password), SignInStatus::ok);
  EXPECT_EQ(query("SELECT failed_attempts || '/' || IFNULL(locked_until, 'none') FROM accounts"),
            "0/none");
  EXPECT_EQ(audit_count("sign_in", "wrong_password"), "4");
  EXPECT_EQ(audit_count("sign_in", "locked"), "3");
  EXPECT_EQ(audit_count("sign_in", "ok"), "1");
}

TEST_F(Accounts, ResetGivesANewOneTimePasswordAndClearsTheLock) {
  const OneTimePassword first = add("erin@council.example");
  for (int i = 0; i < 5; ++i) sign_in("erin@council.example", "wrong");
  ASSERT_EQ(sign_in("erin@council.example", first.password), SignInStatus::locked);
  const OneTimePassword second = reset_account(store(), "erin@council.example", kAdmin);
  EXPECT_NE(second.password, first.password);
  EXPECT_EQ(sign_in("erin@council.example", first.password), SignInStatus::wrong_password);
  EXPECT_EQ(sign_in("erin@council.example", second.password), SignInStatus::ok);
}

TEST_F(Accounts, AnUnknownUserIsCheckedAgainstADummyHashAndAudited) {
  add("fay@council.example");
  EXPECT_EQ(sign_in("ghost@council.example", "any password at all"), SignInStatus::unknown_user);
  EXPECT_EQ(sign_in("not a user name", "any password at all"), SignInStatus::unknown_user);
  EXPECT_EQ(query("SELECT actor || ' ' || object_id || ' ' || outcome || ' ' || client FROM "
                  "audit WHERE action = 'sign_in' ORDER BY id LIMIT 1"),
            "- ghost@council.example unknown_user 10.0.0.7");
  EXPECT_EQ(query("SELECT object_id FROM audit WHERE action = 'sign_in' ORDER BY id DESC"),
            "(not a user name)");
  EXPECT_EQ(query("SELECT failed_attempts FROM accounts"), "0");
}

TEST_F(Accounts, SetPasswordFollowsTheRuleAndEndsTheOneTimePassword) {
  const OneTimePassword one_time = add("gus@council.example");
  const auto problem = [&](const std::string& password) {
    return std::string(
        refusal([&] { set_password(store(), "gus@council.example", password, kAdmin); }).what());
  };
  EXPECT_NE(problem("short pass").find("at least 12 characters"), std::string::npos);
  EXPECT_NE(problem("GUS@council.example").find("cannot be the user name"), std::string::npos);
  EXPECT_NE(problem("\xff\xfe invalid utf8 text").find("UTF-8"), std::string::npos);
  // Twelve characters, not bytes: ten é are 20 bytes but too short.
  EXPECT_NE(problem("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                    "\xc3\xa9")
                .find("at least 12"),
            std::string::npos);
  EXPECT_EQ(audit_count("password_set", "refused_by_rule"), "4");

  set_password(store(), "gus@council.example", "correct horse battery", kAdmin);
  EXPECT_EQ(query("SELECT must_change_password FROM accounts"), "0");
  EXPECT_EQ(sign_in("gus@council.example", one_time.password), SignInStatus::wrong_password);
  EXPECT_EQ(sign_in("gus@council.example", "correct horse battery"), SignInStatus::ok);
  EXPECT_FALSE(find_account(store(), "gus@council.example")->must_change_password);
}

TEST_F(Accounts, ChangingOnesOwnPasswordChecksTheCurrentOneFirst) {
  const OneTimePassword one_time = add("ned@council.example");
  const auto change = [&](const std::string& current, const std::string& next) {
    return change_password(store(), "ned@council.example", current, next, "10.0.0.7");
  };
  EXPECT_EQ(change("wrong current", "a long enough phrase"), SignInStatus::wrong_password);
  EXPECT_EQ(query("SELECT failed_attempts || ' ' || must_change_password FROM accounts"), "1 1");
  EXPECT_EQ(refusal([&] { change(one_time.password, "too short"); }).code(),
            OfficeError::Code::bad_input);
  // The one-time password passes the rule, but is not a new password.
  EXPECT_NE(std::string(refusal([&] { change(one_time.password, one_time.password); }).what())
                .find("must differ"),
            std::string::npos);
  EXPECT_EQ(change(one_time.password, "a long enough phrase"), SignInStatus::ok);
  EXPECT_EQ(query("SELECT failed_attempts || ' ' || must_change_password FROM accounts"), "0 0");
  EXPECT_EQ(sign_in("ned@council.example", "a long enough phrase"), SignInStatus::ok);
  EXPECT_EQ(query("SELECT group_concat(action || ':' || outcome, ' ') FROM (SELECT * FROM audit "
                  "WHERE action <> 'account_add' ORDER BY id)"),
            "password_check:wrong_password password_set:refused_by_rule "
            "password_set:refused_by_rule password_check:ok password_set:ok sign_in:ok");
  EXPECT_EQ(query("SELECT actor FROM audit WHERE action = 'password_set' AND outcome = 'ok'"),
            "ned@council.example");
}

TEST_F(Accounts, EveryAccountChangeIsAudited) {
  add("hal@council.example", Role::chair, {"aep"});
  disable_account(store(), "hal@council.example", kAdmin);
  enable_account(store(), "hal@council.example", kAdmin);
  reset_account(store(), "hal@council.example", kAdmin);
  set_password(store(), "hal@council.example", "a long enough phrase", kAdmin);
  EXPECT_EQ(query("SELECT group_concat(action, ' ') FROM (SELECT action FROM audit ORDER BY id)"),
            "account_add account_disable account_enable account_reset password_set");
  EXPECT_EQ(query("SELECT COUNT(*) FROM audit WHERE actor = 'admin@council.example' AND client = "
                  "'127.0.0.1' AND object_kind = 'user' AND object_id = 'hal@council.example' "
                  "AND outcome = 'ok' AND at = '2026-12-05T09:00:00Z'"),
            "5");
}

TEST_F(Accounts, ThreadsSigningInAtOnceCountEveryFailure) {
  const OneTimePassword ivy = add("ivy@council.example");
  const OneTimePassword jon = add("jon@council.example");
  add("kim@council.example");
  std::vector<SignInStatus> good(4), bad(5);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < good.size(); ++i) {
    threads.emplace_back([&, i] {
      good[i] = i % 2 == 0 ? sign_in("ivy@council.example", ivy.password)
                           : sign_in("jon@council.example", jon.password);
    });
  }
  for (std::size_t i = 0; i < bad.size(); ++i) {
    threads.emplace_back([&, i] { bad[i] = sign_in("kim@council.example", "wrong"); });
  }
  for (auto& thread : threads) thread.join();
  for (const SignInStatus status : good) EXPECT_EQ(status, SignInStatus::ok);
  // Five failures counted: exactly the last one to be counted locks the account.
  EXPECT_EQ(std::count(bad.begin(), bad.end(), SignInStatus::locked), 1);
  EXPECT_EQ(std::count(bad.begin(), bad.end(), SignInStatus::wrong_password), 4);
  EXPECT_EQ(query("SELECT locked_until IS NOT NULL FROM accounts WHERE user_name = "
                  "'kim@council.example'"),
            "1");
  EXPECT_EQ(query("SELECT COUNT(*) FROM audit WHERE action = 'sign_in'"), "9");
}

}  // namespace
}  // namespace panelpack::testing
