#pragma once
// The console's pages, rendered on the server from Mustache files a council may reword
// (templates/console/, beside the email templates): layout.mustache is every page's frame (the
// GOV.UK template: skip link, header, phase banner, main, footer) and takes the page's own file
// where it says {{> content}}. Values are always HTML-escaped: a file that would put one in
// unescaped ({{{name}}}, {{&name}} or a change of delimiters) is refused when loaded.

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace panelpack::console {

class PageTemplates {
 public:
  // The pages every console has; load() refuses a folder that lacks one.
  // One line per area's pages, so that each area adds its own.
  // clang-format off
  static constexpr const char* kPages[] = {
      "start", "sign_in", "change_password", "forbidden", "audit", "not_found",
      // Today and the calendar.
      "today", "calendar",
      // A sitting: its agenda, bookings and papers.
      "sitting", "sitting_book", "sitting_presenters",
      // A sitting's pack, and members' panels.
      "pack_page", "pack_progress", "pack_panels", "pack_addendum_progress",
      // Cases.
      "case_list", "case_page", "case_form", "case_sections",
      // Mail.
      "mail", "mail_cancel",
      // The submission mailbox (issue 15).
      "mailbox",
      // The tracker and the quarterly report.
      "reports", "reports_tracker", "reports_quarterly",
      // Actions (issue 14).
      "actions", "actions_done",
      // Templates (issue 14).
      "templates_list", "template_page", "template_restore",
      // Decision records out (issue 14).
      "records_out", "records_out_progress",
      // Recording a sitting and signing its records off.
      "record_list", "record_form",
      // Settings and people.
      "settings", "settings_panel", "settings_member", "settings_mail", "settings_templates",
      "settings_users", "settings_user",
  };
  // clang-format on

  // Reads and compiles layout.mustache and PAGE.mustache for each of kPages. Throws
  // office::OfficeError (bad_input) naming every file that is missing, not valid Mustache or
  // unescaped.
  static PageTemplates load(const std::filesystem::path& folder);

  ~PageTemplates();
  PageTemplates(PageTemplates&&) noexcept;
  PageTemplates& operator=(PageTemplates&&) noexcept;

  // The page `name` inside the layout, with `data`'s values escaped. Safe to call from many
  // threads at once. Throws office::OfficeError (bad_input) naming the file when it fails.
  std::string render(const std::string& name, const nlohmann::json& data) const;

 private:
  struct Compiled;
  explicit PageTemplates(std::filesystem::path folder);

  std::filesystem::path folder_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace panelpack::console
