// Signing in and out: the sign-in form with its own token pair (refusing a sign-in posted from
// another site), the outcomes of office::console::verify_sign_in in plain words, the throttle
// per address, and the session cookie.

#include <string>
#include <vector>

#include "console/server/console_pages.hpp"
#include "console/server/cookies.hpp"
#include "console/server/next_path.hpp"
#include "office/console/audit.hpp"
#include "office/console/sign_in.hpp"
#include "office/error.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;

// "30 minutes", "1 minute", "2 seconds".
std::string duration_words(std::chrono::seconds duration) {
  const auto count = duration.count();
  if (count % 60 == 0) {
    const auto minutes = count / 60;
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
  }
  return std::to_string(count) + (count == 1 ? " second" : " seconds");
}

// Why the person is back at the sign-in page, if they were sent there.
std::string notice_for(const ConsoleSite& site, const RequestContext& request) {
  const auto reason = request.query.find("signed_out");
  if (reason == request.query.end()) return "";
  if (reason->second == "idle") {
    return "You were signed out after " + duration_words(site.store.policy().session_idle) +
           " without activity. Sign in again to carry on.";
  }
  if (reason->second == "limit") {
    return "You were signed out because you had been signed in for " +
           duration_words(site.store.policy().session_limit) + ". Sign in again to carry on.";
  }
  if (reason->second == "yes") return "You have signed out.";
  return "";
}

// The form, with the sign-in token (made now when the browser has none) in field and cookie.
Reply sign_in_page(const ConsoleSite& site, const RequestContext& request, nlohmann::json data) {
  std::vector<std::string> cookies;
  std::string token = request.sign_in_cookie;
  if (token.size() != 43) {  // none yet, or not one of ours
    token = store::new_form_token();
    cookies.push_back(set_cookie(kSignInCookie, token, "/sign-in", site.secure_cookies));
  }
  data["sign_in_token"] = token;
  if (!data.contains("next")) {
    const auto next = request.query.find("next");
    data["next"] = safe_next_path(next == request.query.end() ? "" : next->second);
  }
  if (const std::string notice = notice_for(site, request); !notice.empty()) {
    data["notice"] = notice;
  }
  Reply page = show("sign_in", "Sign in", std::move(data));
  page.set_cookies = std::move(cookies);
  return page;
}

// "14:05": when a locked account may try again (a lock lasts minutes), on London's clock.
std::string try_again_words(panel::UtcInstant until) {
  const panel::LondonTime local = panel::utc_to_local(until);
  return local.time.text();
}

}  // namespace

Reply sign_in_form(ConsoleSite& site, RequestContext& request) {
  if (request.session) return redirect_to("/");
  return sign_in_page(site, request, nlohmann::json::object());
}

Reply sign_in_submit(ConsoleSite& site, RequestContext& request) {
  const std::string user_name = field(request.form, "user_name");
  const std::string password = field(request.form, "password");
  nlohmann::json data = {{"user_name", user_name},
                         {"next", safe_next_path(field(request.form, "next"))}};
  if (user_name.empty()) add_error(data, "user_name", "user-name", "Enter your email address");
  if (password.empty()) add_error(data, "password", "password", "Enter your password");
  if (data.contains("has_errors")) return sign_in_page(site, request, std::move(data));

  if (!site.throttle.allow(request.client)) {
    store::append_audit(site.store, request.actor(),
                        {"sign_in", "address", request.client, "throttled"});
    add_error(data, "user_name", "user-name",
              "There have been too many attempts to sign in from this computer. Wait a minute, "
              "then try again");
    Reply reply = sign_in_page(site, request, std::move(data));
    reply.status = Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS;
    return reply;
  }

  const store::SignInOutcome outcome = site.hashes.run(
      [&] { return store::verify_sign_in(site.store, user_name, password, request.client); });
  switch (outcome.status) {
    case store::SignInStatus::ok: {
      const store::NewSession session =
          store::start_session(site.store, outcome.account->user_name, request.client);
      Reply reply =
          redirect_to(outcome.account->must_change_password ? "/change-password"
                                                            : data["next"].get<std::string>());
      reply.set_cookies.push_back(
          set_cookie(kSessionCookie, session.token, "/", site.secure_cookies));
      reply.set_cookies.push_back(clear_cookie(kSignInCookie, "/sign-in", site.secure_cookies));
      return reply;
    }
    case store::SignInStatus::wrong_password:
    case store::SignInStatus::unknown_user:
      // One message for both: the page does not tell who has an account.
      add_error(data, "user_name", "user-name",
                "The email address or the password is not right. Check both and try again");
      break;
    case store::SignInStatus::disabled:
      add_error(data, "user_name", "user-name",
                "This account is disabled. Ask the office's administrator to enable it");
      break;
    case store::SignInStatus::locked:
      add_error(data, "user_name", "user-name",
                "This account is locked after too many wrong passwords. Try again after " +
                    (outcome.locked_until ? try_again_words(*outcome.locked_until) : "a while") +
                    ", or ask the office's administrator to reset it");
      break;
  }
  return sign_in_page(site, request, std::move(data));
}

Reply sign_out_submit(ConsoleSite& site, RequestContext& request) {
  store::end_session(site.store, request.session_token, request.client);
  Reply reply = redirect_to("/sign-in?signed_out=yes");
  reply.set_cookies.push_back(clear_cookie(kSessionCookie, "/", site.secure_cookies));
  return reply;
}

}  // namespace panelpack::console
