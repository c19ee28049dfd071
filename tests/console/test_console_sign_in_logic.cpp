// The sign-in pipeline's pure logic: form caps, the next path's safety, the roles' order, the
// cookies' attributes and the throttle's window with a clock the test moves.

#include <gtest/gtest.h>

#include <string>

#include "console/server/access.hpp"
#include "console/server/cookies.hpp"
#include "console/server/form_fields.hpp"
#include "console/server/next_path.hpp"
#include "console/server/route_table.hpp"
#include "console/server/sign_in_throttle.hpp"

namespace panelpack::console {
namespace {

using office::console::Role;

TEST(RouteTable, FindsExactPathsAndTheMethodHeadAsGet) {
  const auto start = find_route("HEAD", "/");
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(start->route->path, "/");
  EXPECT_TRUE(start->parameters.empty());
  EXPECT_FALSE(find_route("DELETE", "/").has_value());
  EXPECT_FALSE(find_route("GET", "/sign-in/").has_value());
  EXPECT_TRUE(has_path("/sign-out"));
  EXPECT_FALSE(find_route("GET", "/sign-out").has_value());  // POST only: has_path makes it 405
  EXPECT_FALSE(has_path("/no-such-page"));
}

TEST(MemberAccess, AMemberReadsOnlyTheirPanelsOtherRolesReadAll) {
  office::console::Session session;
  session.account.role = Role::member;
  session.account.panels = {"SLP"};
  EXPECT_TRUE(may_read_panel(session, "SLP"));
  EXPECT_FALSE(may_read_panel(session, "NLP"));
  session.account.role = Role::viewer;
  EXPECT_TRUE(may_read_panel(session, "NLP"));
}

TEST(FormFields, ReadsUrlencodedFieldsAndKeepsTheFirstOfTwins) {
  const FormFields form = parse_form("user_name=a%40b.example&password=p+w%26x&next=%2F&next=%2Fx");
  EXPECT_EQ(field(form, "user_name"), "a@b.example");
  EXPECT_EQ(field(form, "password"), "p w&x");
  EXPECT_EQ(field(form, "next"), "/");
  EXPECT_EQ(field(form, "absent"), "");
}

TEST(FormFields, RefusesALongBodyTooManyFieldsAndALongValue) {
  EXPECT_NO_THROW(parse_form("a=" + std::string(kMaximumValueBytes, 'x')));
  EXPECT_THROW(parse_form("a=" + std::string(kMaximumFormBytes, 'x')), FormTooLarge);
  std::string many;
  for (int index = 0; index <= kMaximumFormFields; ++index) {
    many += "f" + std::to_string(index) + "=1&";
  }
  EXPECT_THROW(parse_form(many), FormTooLarge);
  EXPECT_THROW(parse_form("a=" + std::string(kMaximumValueBytes + 1, 'x')), FormTooLarge);
}

TEST(NextPath, TakesOnlyThisSitesRelativePaths) {
  EXPECT_EQ(safe_next_path("/admin/audit"), "/admin/audit");
  EXPECT_EQ(safe_next_path("/sitting?panel=a&date=2026-12-15"), "/sitting?panel=a&date=2026-12-15");
  for (const char* refused :
       {"", "https://evil.example/", "//evil.example/", "/\\evil.example", "evil",
        "javascript:alert(1)", "/a\\b", "/a\tb", "/a\nb", "/sign-in?next=/x", "/sign-out"}) {
    EXPECT_EQ(safe_next_path(refused), "/") << refused;
  }
}

TEST(Roles, RankAdministratorOverChairOverMemberOverViewer) {
  EXPECT_TRUE(role_reaches(Role::administrator, Role::administrator));
  EXPECT_TRUE(role_reaches(Role::administrator, Role::viewer));
  EXPECT_TRUE(role_reaches(Role::chair, Role::member));
  EXPECT_FALSE(role_reaches(Role::chair, Role::administrator));
  // A viewer reads the whole office; a member only their panels' agendas and packs.
  EXPECT_FALSE(role_reaches(Role::member, Role::viewer));
  EXPECT_FALSE(role_reaches(Role::member, Role::chair));
  EXPECT_TRUE(role_reaches(Role::viewer, Role::member));
  EXPECT_TRUE(role_reaches(Role::viewer, Role::viewer));
}

TEST(Cookies, AreHttpOnlyStrictAndSecureOnlyOverTls) {
  EXPECT_EQ(set_cookie(kSessionCookie, "T0K", "/", false),
            "panelpack_session=T0K; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(set_cookie(kSessionCookie, "T0K", "/", true),
            "panelpack_session=T0K; Path=/; HttpOnly; SameSite=Strict; Secure");
  EXPECT_EQ(clear_cookie(kSignInCookie, "/sign-in", true),
            "panelpack_sign_in=; Path=/sign-in; HttpOnly; SameSite=Strict; Secure; Max-Age=0");
}

TEST(Cookies, FindsACookieByItsExactName) {
  const std::string header = "xpanelpack_session=no; panelpack_session=yes;panelpack_sign_in=s";
  EXPECT_EQ(cookie_value(header, kSessionCookie), "yes");
  EXPECT_EQ(cookie_value(header, kSignInCookie), "s");
  EXPECT_EQ(cookie_value(header, "absent"), std::nullopt);
  EXPECT_EQ(cookie_value("", kSessionCookie), std::nullopt);
}

TEST(SignInThrottle, AllowsTenAMinutePerAddressThenWaitsForTheWindow) {
  panel::UtcInstant now{std::chrono::seconds(1'800'000'000)};
  SignInThrottle throttle([&] { return now; }, 10, std::chrono::minutes(1));
  for (int attempt = 0; attempt < 10; ++attempt) {
    EXPECT_TRUE(throttle.allow("192.0.2.1")) << attempt;
    now += std::chrono::seconds(1);
  }
  EXPECT_FALSE(throttle.allow("192.0.2.1"));
  EXPECT_TRUE(throttle.allow("192.0.2.2"));  // another address has its own count
  // The first attempt (at +0 s) leaves the window at +60 s: one more is allowed, not two.
  now = panel::UtcInstant{std::chrono::seconds(1'800'000'060)};
  EXPECT_TRUE(throttle.allow("192.0.2.1"));
  EXPECT_FALSE(throttle.allow("192.0.2.1"));
  now += std::chrono::minutes(2);
  EXPECT_TRUE(throttle.allow("192.0.2.1"));
}

}  // namespace
}  // namespace panelpack::console
