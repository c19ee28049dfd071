// Changing one's password: forced after a sign-in with a one-time password (the new password
// twice), or chosen (the current one, then the new one twice). The store's password rule says
// what is wrong beside the field.

#include <string>

#include "console/server/console_pages.hpp"
#include "office/console/accounts.hpp"
#include "office/console/password_rule.hpp"
#include "office/console/sign_in.hpp"
#include "office/error.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;

// The rule's words as a GOV.UK error message: a capital first, no full stop.
std::string as_message(std::string text) {
  if (!text.empty() && text.front() >= 'a' && text.front() <= 'z') {
    text.front() = static_cast<char>(text.front() - 'a' + 'A');
  }
  while (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

Reply password_page(const RequestContext& request, nlohmann::json data) {
  if (request.session->account.must_change_password) data["forced"] = true;
  return show("change_password", "Change your password", std::move(data));
}

}  // namespace

Reply change_password_form(ConsoleSite&, RequestContext& request) {
  return password_page(request, nlohmann::json::object());
}

Reply change_password_submit(ConsoleSite& site, RequestContext& request) {
  const store::AccountSummary& account = request.session->account;
  const bool forced = account.must_change_password;
  const std::string current = field(request.form, "current_password");
  const std::string chosen = field(request.form, "new_password");
  const std::string again = field(request.form, "confirm_password");
  nlohmann::json data = nlohmann::json::object();
  if (!forced && current.empty()) {
    add_error(data, "current_password", "current-password", "Enter your current password");
  }
  if (chosen.empty()) {
    add_error(data, "new_password", "new-password", "Enter a new password");
  } else if (const auto problem = store::password_problem(account.user_name, chosen)) {
    add_error(data, "new_password", "new-password", as_message(*problem));
  } else if (again != chosen) {
    add_error(data, "confirm_password", "confirm-password",
              "The two new passwords are not the same. Type it again in both");
  }
  if (data.contains("has_errors")) return password_page(request, std::move(data));

  try {
    if (forced) {
      // The one-time password was checked at this session's sign-in a moment ago.
      site.hashes.run([&] {
        store::set_password(site.store, account.user_name, chosen, request.actor(),
                            request.session_token);
      });
      return redirect_to("/");
    }
    const store::SignInStatus status = site.hashes.run([&] {
      return store::change_password(site.store, account.user_name, current, chosen, request.client,
                                    request.session_token);
    });
    if (status == store::SignInStatus::ok) return redirect_to("/");
    add_error(data, "current_password", "current-password",
              status == store::SignInStatus::locked
                  ? "Your account is locked after too many wrong passwords. Sign out and try "
                    "again later"
                  : "Your current password is not right");
  } catch (const office::OfficeError& error) {
    add_error(data, "new_password", "new-password", as_message(error.what()));
  }
  return password_page(request, std::move(data));
}

}  // namespace panelpack::console
