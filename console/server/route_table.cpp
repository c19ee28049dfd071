#include "console/server/route_table.hpp"

#include <iterator>

#include "console/server/action_pages.hpp"
#include "console/server/case_pages.hpp"
#include "console/server/console_pages.hpp"
#include "console/server/mail_pages.hpp"
#include "console/server/mailbox_pages.hpp"
#include "console/server/pack_addendum_pages.hpp"
#include "console/server/pack_pages.hpp"
#include "console/server/record_pages.hpp"
#include "console/server/records_out_pages.hpp"
#include "console/server/report_pages.hpp"
#include "console/server/settings_pages.hpp"
#include "console/server/sitting_pages.hpp"
#include "console/server/sitting_people_pages.hpp"
#include "console/server/template_pages.hpp"
#include "console/server/today_pages.hpp"

namespace panelpack::console {
namespace {

using office::console::Role;

// One line per page. Each area keeps its lines together, under its own comment.
const Route kRoutes[] = {
    // Signing in and out, and one's own password.
    {"GET", "/", std::nullopt, "", start_page},
    {"GET", "/sign-in", std::nullopt, "", sign_in_form},
    {"POST", "/sign-in", std::nullopt, "", sign_in_submit},
    {"POST", "/sign-out", Role::member, "", sign_out_submit},
    {"GET", "/change-password", Role::member, "", change_password_form},
    {"POST", "/change-password", Role::member, "", change_password_submit},

    // Administration.
    // The audit names people, not children, but who read it is worth knowing.
    {"GET", "/admin/audit", Role::administrator, "audit", audit_page},
    {"GET", "/admin/audit.csv", Role::administrator, "", audit_csv_download},

    // Today and the calendar.
    // Today names cases (what needs attention): each view is audited.
    {"GET", "/today", Role::viewer, "today", today_page},
    {"GET", "/calendar", Role::viewer, "", calendar_page},
    {"POST", "/calendar/add", Role::administrator, "", calendar_add_submit},
    {"POST", "/calendar/cancel", Role::administrator, "", calendar_cancel_submit},
    {"POST", "/calendar/move", Role::administrator, "", calendar_move_submit},

    // A sitting: its agenda, bookings and papers.
    // Members read their own panels' agendas (the handler checks which); only administrators
    // change a sitting.
    {"GET", "/sittings/{panel}/{date}", Role::member, "sitting", sitting_page},
    {"GET", "/sittings/{panel}/{date}/book", Role::administrator, "sitting", sitting_book_search},
    {"POST", "/sittings/{panel}/{date}/book", Role::administrator, "", sitting_book_submit},
    {"POST", "/sittings/{panel}/{date}/remove", Role::administrator, "", sitting_remove_submit},
    {"POST", "/sittings/{panel}/{date}/move", Role::administrator, "", sitting_move_submit},
    {"POST", "/sittings/{panel}/{date}/papers", Role::administrator, "", sitting_paper_upload,
     true},
    {"POST", "/sittings/{panel}/{date}/chase", Role::administrator, "", sitting_chase_submit},
    // Presenters and apologies (the presenters page names a child: its views are audited).
    {"GET", "/sittings/{panel}/{date}/presenters/{case}", Role::administrator, "sitting",
     sitting_presenters_form},
    {"POST", "/sittings/{panel}/{date}/presenters/{case}", Role::administrator, "",
     sitting_presenters_submit},
    {"POST", "/sittings/{panel}/{date}/apologies", Role::administrator, "",
     sitting_apologies_submit},

    // A sitting's pack, and members' panels.
    {"GET", "/sittings/{panel}/{date}/pack", Role::member, "pack", pack_page},
    {"POST", "/sittings/{panel}/{date}/pack/build", Role::administrator, "", pack_build_submit},
    {"GET", "/sittings/{panel}/{date}/pack/progress", Role::administrator, "", pack_progress_page},
    {"GET", "/sittings/{panel}/{date}/pack/progress.json", Role::administrator, "",
     pack_progress_json},
    {"GET", "/sittings/{panel}/{date}/pack/download/zip", Role::member, "", pack_download_zip},
    {"GET", "/sittings/{panel}/{date}/pack/download/pdf", Role::member, "", pack_download_pdf},
    // The addendum when a circulated sitting's agenda changed (pack_addendum_pages.cpp).
    {"POST", "/sittings/{panel}/{date}/pack/addendum", Role::administrator, "",
     pack_addendum_submit},
    {"GET", "/sittings/{panel}/{date}/pack/addendum/progress", Role::administrator, "",
     pack_addendum_progress_page},
    {"GET", "/sittings/{panel}/{date}/pack/addendum/progress.json", Role::administrator, "",
     pack_addendum_progress_json},
    {"GET", "/sittings/{panel}/{date}/pack/addendum/{number}/zip", Role::member, "",
     pack_addendum_download},
    {"GET", "/panels", Role::member, "", panels_page},

    // Cases. Everyone but members reads them (each view audited); administrators change them.
    {"GET", "/cases", Role::viewer, "cases", case_list_page},
    {"GET", "/cases/new", Role::administrator, "", case_new_form},
    {"POST", "/cases/new", Role::administrator, "", case_new_submit},
    {"GET", "/cases/{ref}", Role::viewer, "case", case_page},
    {"GET", "/cases/{ref}/edit", Role::administrator, "case", case_edit_form},
    {"GET", "/cases/{ref}/edit/{section}", Role::administrator, "case", case_section_form},
    {"POST", "/cases/{ref}/edit/{section}", Role::administrator, "", case_section_submit},
    {"GET", "/cases/{ref}/edit/{section}/{list}/{row}", Role::administrator, "case",
     case_item_form},
    {"POST", "/cases/{ref}/edit/{section}/{list}/{row}", Role::administrator, "", case_item_submit},
    {"POST", "/cases/{ref}/edit/{section}/{list}/{row}/remove", Role::administrator, "",
     case_item_remove},
    {"GET", "/cases/{ref}/papers/{file}", Role::viewer, "", case_paper_download},

    // Mail.
    // Its rows name cases by reference, so each view is audited.
    {"GET", "/mail", Role::viewer, "mail", mail_page},
    {"GET", "/mail/{id}/cancel", Role::administrator, "mail", mail_cancel_confirm},
    {"POST", "/mail/{id}/cancel", Role::administrator, "", mail_cancel_submit},
    {"POST", "/mail/{id}/retry", Role::administrator, "", mail_retry_submit},

    // The submission mailbox (issue 15): its unmatched papers name children in their subjects,
    // so each view is audited, and each download (mailbox_pages.cpp); administrators act.
    {"GET", "/mailbox", Role::viewer, "mailbox", mailbox_page},
    {"GET", "/mailbox/{id}/file", Role::viewer, "", mailbox_file_download},
    {"POST", "/mailbox/check", Role::administrator, "", mailbox_check_submit},
    {"POST", "/mailbox/{id}/assign", Role::administrator, "", mailbox_assign_submit},

    // Recording a sitting and signing its records off (issue 14).
    // Readers read the records (each names children: views audited); members are refused.
    // Administrators record drafts; chairs sign off and change what they signed (the handlers
    // check the role is chair: an administrator reaches these routes but may not sign).
    {"GET", "/sittings/{panel}/{date}/record", Role::viewer, "sitting", record_list_page},
    {"POST", "/sittings/{panel}/{date}/record/sign-off-all", Role::chair, "",
     record_sign_off_all_submit},
    {"GET", "/sittings/{panel}/{date}/record/{case}", Role::viewer, "record", record_page},
    {"POST", "/sittings/{panel}/{date}/record/{case}", Role::administrator, "", record_save_submit},
    {"POST", "/sittings/{panel}/{date}/record/{case}/sign-off", Role::chair, "",
     record_sign_off_submit},
    {"POST", "/sittings/{panel}/{date}/record/{case}/change", Role::chair, "",
     record_change_submit},

    // Decision records out: made, sent, on the child's file (issue 14).
    // The page names children by reference and initials: each view is audited. Members do not
    // see records; only administrators make, send and mark them.
    {"GET", "/sittings/{panel}/{date}/records", Role::viewer, "records", records_page},
    {"POST", "/sittings/{panel}/{date}/records/send", Role::administrator, "", records_send_submit},
    {"GET", "/sittings/{panel}/{date}/records/progress", Role::administrator, "",
     records_progress_page},
    {"GET", "/sittings/{panel}/{date}/records/progress.json", Role::administrator, "",
     records_progress_json},
    {"POST", "/sittings/{panel}/{date}/records/{case}/on-file", Role::administrator, "",
     records_on_file_submit},
    {"GET", "/sittings/{panel}/{date}/records/{case}/docx", Role::viewer, "",
     records_download_docx},
    {"GET", "/sittings/{panel}/{date}/records/{case}/pdf", Role::viewer, "", records_download_pdf},

    // Actions (issue 14).
    // The list names cases by reference, so each view is audited; members do not see it.
    {"GET", "/actions", Role::viewer, "actions", actions_page},
    {"GET", "/actions/{panel}/{date}/{case}/{id}/done", Role::administrator, "action",
     action_done_form},
    {"POST", "/actions/{panel}/{date}/{case}/{id}/done", Role::administrator, "",
     action_done_submit},

    // The tracker and the quarterly report (issue 14).
    // Readers only (not members). The tracker names cases: each view is audited, and each
    // download (tracker_pages.cpp); a report's views and downloads are audited by its handler.
    {"GET", "/reports", Role::viewer, "", reports_page},
    {"GET", "/reports/tracker", Role::viewer, "tracker", tracker_page},
    {"GET", "/reports/tracker.xlsx", Role::viewer, "", tracker_xlsx_download},
    {"GET", "/reports/tracker.csv", Role::viewer, "", tracker_csv_download},
    {"GET", "/reports/tracker-actions.csv", Role::viewer, "", tracker_actions_csv_download},
    {"GET", "/reports/quarterly", Role::viewer, "", quarterly_choose},
    {"GET", "/reports/quarterly/{quarter}", Role::viewer, "", quarterly_page},

    // Templates (issue 14).
    // Administrators only; a preview holds a child's data, so its download is audited.
    {"GET", "/templates", Role::administrator, "", templates_page},
    {"GET", "/templates/{name}", Role::administrator, "", template_page},
    {"POST", "/templates/{name}", Role::administrator, "", template_upload_submit, true},
    {"POST", "/templates/{name}/preview", Role::administrator, "", template_preview_submit},
    {"GET", "/templates/{name}/versions/{number}", Role::administrator, "",
     template_version_download},
    {"GET", "/templates/{name}/versions/{number}/restore", Role::administrator, "",
     template_restore_confirm},
    {"POST", "/templates/{name}/versions/{number}/restore", Role::administrator, "",
     template_restore_submit},

    // Settings and people (issue 14).
    // office.json's settings and the console's accounts: administrators only (settings_pages.hpp).
    {"GET", "/settings", Role::administrator, "", settings_page},
    {"GET", "/settings/panels/{panel}", Role::administrator, "", settings_panel_form},
    {"POST", "/settings/panels/{panel}", Role::administrator, "", settings_panel_submit},
    {"GET", "/settings/panels/{panel}/members/new", Role::administrator, "",
     settings_member_new_form},
    {"POST", "/settings/panels/{panel}/members/new", Role::administrator, "", settings_member_add},
    {"GET", "/settings/panels/{panel}/members/{member}", Role::administrator, "",
     settings_member_form},
    {"POST", "/settings/panels/{panel}/members/{member}", Role::administrator, "",
     settings_member_submit},
    {"POST", "/settings/panels/{panel}/members/{member}/remove", Role::administrator, "",
     settings_member_remove},
    {"GET", "/settings/mail", Role::administrator, "", settings_mail_form},
    {"POST", "/settings/mail", Role::administrator, "", settings_mail_submit},
    {"GET", "/settings/templates", Role::administrator, "", settings_templates_form},
    {"POST", "/settings/templates", Role::administrator, "", settings_templates_submit},
    {"GET", "/settings/users", Role::administrator, "", settings_users_page},
    {"POST", "/settings/users", Role::administrator, "", settings_user_add},
    {"GET", "/settings/users/{user}", Role::administrator, "", settings_user_page},
    {"POST", "/settings/users/{user}", Role::administrator, "", settings_user_submit},
    {"POST", "/settings/users/{user}/disable", Role::administrator, "", settings_user_disable},
    {"POST", "/settings/users/{user}/enable", Role::administrator, "", settings_user_enable},
    {"POST", "/settings/users/{user}/reset", Role::administrator, "", settings_user_reset},
};

// Splits "/a/b/c" into its segments: "a", "b", "c" ("/" has none).
std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  if (!segments.empty() && segments.back().empty() && path.size() <= 1) segments.pop_back();
  return segments;
}

// The pattern's {names} with the path's values, or nothing when the path does not fit it.
std::optional<std::map<std::string, std::string>> match(std::string_view pattern,
                                                        std::string_view path) {
  if (pattern.find('{') == std::string_view::npos) {
    if (pattern != path) return std::nullopt;
    return std::map<std::string, std::string>{};
  }
  const auto want = segments_of(pattern);
  const auto have = segments_of(path);
  if (want.size() != have.size()) return std::nullopt;
  std::map<std::string, std::string> parameters;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].starts_with('{') && want[i].ends_with('}')) {
      if (have[i].empty()) return std::nullopt;
      parameters.emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::string(have[i]));
    } else if (want[i] != have[i]) {
      return std::nullopt;
    }
  }
  return parameters;
}

}  // namespace

std::optional<RouteMatch> find_route(std::string_view method, std::string_view path) {
  const std::string_view as = method == "HEAD" ? std::string_view("GET") : method;
  for (const Route& route : kRoutes) {
    if (route.method != as) continue;
    if (auto parameters = match(route.path, path))
      return RouteMatch{&route, std::move(*parameters)};
  }
  return std::nullopt;
}

bool has_path(std::string_view path) {
  for (const Route& route : kRoutes) {
    if (match(route.path, path)) return true;
  }
  return false;
}

}  // namespace panelpack::console
