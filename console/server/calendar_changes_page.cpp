// The Calendar page's three forms (administrators only): add an extra sitting, cancel one, move
// one, each with its reason (office/calendar_changes.hpp). A change made is audited
// ("calendar_change", "sitting", PANEL/DATE) and redirects to its month; a refused one shows the
// page again with each problem beside its field and office.json as it was.

#include <string>

#include "console/server/calendar_page_data.hpp"
#include "console/server/today_pages.hpp"
#include "office/calendar_changes.hpp"
#include "office/console/audit.hpp"
#include "panel/panel_error.hpp"

namespace panelpack::console {
namespace {

using office::CalendarChangeKind;
using office::CalendarField;

const char* form_name(CalendarChangeKind kind) {
  switch (kind) {
    case CalendarChangeKind::add:
      return "add";
    case CalendarChangeKind::cancel:
      return "cancel";
    case CalendarChangeKind::move:
      return "move";
  }
  return "add";
}

// The field's key in the page's values ("add_date") and its element id ("add-date").
std::pair<std::string, std::string> field_names(const std::string& form, CalendarField field) {
  switch (field) {
    case CalendarField::panel:
      return {form + "_panel", form + "-panel"};
    case CalendarField::date:
      return {form + "_date", form + "-date"};
    case CalendarField::new_date:
      return {form + "_new_date", form + "-new-date"};
    case CalendarField::reason:
      return {form + "_reason", form + "-reason"};
    case CalendarField::office:
      break;
  }
  return {form + "_office", form + "-panel"};
}

// The month to show: the date's, when it reads; else the month the form was sent from.
std::pair<int, unsigned> month_of(const std::string& date, const std::string& month) {
  for (const std::string& text : {date, month + "-01"}) {
    try {
      const auto day = panel::CalendarDate::parse(text);
      return {day.year(), day.month()};
    } catch (const panel::PanelError&) {
    }
  }
  const auto today = london_today();
  return {today.year(), today.month()};
}

Reply calendar_submit(ConsoleSite& site, RequestContext& request, CalendarChangeKind kind) {
  const std::string form = form_name(kind);
  office::CalendarChange change{kind, field(request.form, "panel"), field(request.form, "date"),
                                field(request.form, "new_date"), field(request.form, "reason")};
  const std::string version = field(request.form, "version");
  const office::CalendarChangeResult result =
      office::change_calendar(site.workspace(), change, london_today(), &version);
  if (result.done) {
    for (const std::string& id : result.sitting_ids) {
      office::console::append_audit(site.store, request.actor(),
                                    {"calendar_change", "sitting", id, "ok"});
    }
    const std::string& shown = result.sitting_ids.back();
    const std::string date = shown.substr(shown.find('/') + 1);
    return redirect_to("/calendar?month=" + date.substr(0, 7) + "&done=" + form +
                       "&sitting=" + shown);
  }
  nlohmann::json data = {{form + "_panel_value", change.panel_id},
                         {form + "_date_value", change.date},
                         {form + "_new_date_value", change.new_date},
                         {form + "_reason_value", change.reason},
                         {"open_" + form, true}};
  for (const office::CalendarProblem& problem : result.problems) {
    const auto [key, id] = field_names(form, problem.field);
    add_error(data, key, id, problem.message);
  }
  const auto [year, month] = month_of(change.date, field(request.form, "month"));
  data = calendar_page_data(site, request, year, month, std::nullopt, std::move(data));
  return show("calendar", "Calendar", std::move(data),
              result.stale ? Poco::Net::HTTPResponse::HTTP_CONFLICT
                           : Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
}

}  // namespace

Reply calendar_add_submit(ConsoleSite& site, RequestContext& request) {
  return calendar_submit(site, request, CalendarChangeKind::add);
}

Reply calendar_cancel_submit(ConsoleSite& site, RequestContext& request) {
  return calendar_submit(site, request, CalendarChangeKind::cancel);
}

Reply calendar_move_submit(ConsoleSite& site, RequestContext& request) {
  return calendar_submit(site, request, CalendarChangeKind::move);
}

}  // namespace panelpack::console
