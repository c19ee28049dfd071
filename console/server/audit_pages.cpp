// The audit for administrators: each row in words with its London time, filtered by person,
// action and dates, a page at a time, and the same rows downloaded as CSV (itself audited).

#include <sstream>
#include <string>

#include "console/server/console_pages.hpp"
#include "office/console/audit.hpp"
#include "office/mail/mail_content.hpp"
#include "panel/calendar_date.hpp"
#include "panel/london_time.hpp"

namespace panelpack::console {
namespace {

namespace store = office::console;

constexpr std::size_t kRowsPerPage = 50;

std::string query_value(const RequestContext& request, const std::string& name) {
  const auto found = request.query.find(name);
  return found == request.query.end() ? std::string() : found->second;
}

// "5/12/2026" or "2026-12-05" as a date; nothing for anything else.
std::optional<panel::CalendarDate> date_of(const std::string& text) {
  try {
    if (text.find('/') == std::string::npos) return panel::CalendarDate::parse(text);
    const auto first = text.find('/');
    const auto second = text.find('/', first + 1);
    if (second == std::string::npos) return std::nullopt;
    std::string day = text.substr(0, first);
    std::string month = text.substr(first + 1, second - first - 1);
    const std::string year = text.substr(second + 1);
    if (day.size() == 1) day = "0" + day;
    if (month.size() == 1) month = "0" + month;
    return panel::CalendarDate::parse(year + "-" + month + "-" + day);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// "Saturday 5 December 2026 at 09:30 (GMT)" from the row's UTC "2026-12-05T09:30:00Z".
std::string london_words(const std::string& utc) {
  try {
    const panel::LondonTime local = panel::utc_to_local(panel::parse_instant(utc));
    return office::long_date(local.date) + " at " + local.time.text() +
           (local.utc_offset_minutes == 0 ? " (GMT)" : " (BST)");
  } catch (const std::exception&) {
    return utc;
  }
}

// The query the filters ask for; a date that does not read is an error beside its field.
store::AuditQuery audit_query(const RequestContext& request, nlohmann::json& data) {
  store::AuditQuery query;
  const std::string person = query_value(request, "person");
  const std::string action = query_value(request, "action");
  if (!person.empty()) query.actor = person;
  if (!action.empty()) query.action = action;
  data["person"] = person;
  const auto date_field = [&](const char* name, const char* id, const char* words,
                              bool end_of_day) -> std::optional<panel::UtcInstant> {
    const std::string text = query_value(request, name);
    data[name] = text;
    if (text.empty()) return std::nullopt;
    const auto date = date_of(text);
    if (!date) {
      add_error(data, name, id,
                std::string("Enter the ") + words + " date as day/month/year, like 5/12/2026");
      return std::nullopt;
    }
    // The London day's start; "to" includes the whole of its day.
    return panel::local_to_utc(end_of_day ? date->plus_days(1) : *date, panel::TimeOfDay{});
  };
  query.from = date_field("from", "from-date", "from", false);
  query.to = date_field("to", "to-date", "to", true);
  nlohmann::json actions = nlohmann::json::array();
  actions.push_back({{"code", ""}, {"words", "Any action"}, {"selected", action.empty()}});
  for (const std::string_view code : store::audit_actions()) {
    actions.push_back(
        {{"code", code}, {"words", store::action_words(code)}, {"selected", code == action}});
  }
  data["actions"] = std::move(actions);
  return query;
}

// The filters as a query string ("person=...&action=..."), for the page links and the CSV.
std::string filter_query(const RequestContext& request) {
  std::string text;
  for (const char* name : {"person", "action", "from", "to"}) {
    const std::string value = query_value(request, name);
    if (value.empty()) continue;
    std::string encoded;
    for (const unsigned char c : value) {
      if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '@') {
        encoded += static_cast<char>(c);
      } else {
        static const char* kHex = "0123456789ABCDEF";
        encoded += '%';
        encoded += kHex[c >> 4];
        encoded += kHex[c & 15];
      }
    }
    text += (text.empty() ? "" : "&") + std::string(name) + "=" + encoded;
  }
  return text;
}

}  // namespace

Reply audit_page(ConsoleSite& site, RequestContext& request) {
  nlohmann::json data = nlohmann::json::object();
  store::AuditQuery query = audit_query(request, data);
  std::size_t page_number = 1;
  if (const std::string asked = query_value(request, "page");
      !asked.empty() && asked.size() < 7 &&
      asked.find_first_not_of("0123456789") == std::string::npos) {
    page_number = std::max<std::size_t>(1, std::stoul(asked));
  }
  query.limit = kRowsPerPage;
  query.offset = (page_number - 1) * kRowsPerPage;
  const store::AuditPage page = store::list_audit(site.store, query);
  nlohmann::json rows = nlohmann::json::array();
  for (const store::AuditEntry& entry : page.entries) {
    rows.push_back(
        {{"at", entry.at},
         {"when", london_words(entry.at)},
         {"actor", entry.actor},
         {"words", store::audit_words(entry)},
         {"action", entry.action},
         {"object", entry.object_kind + " " + entry.object_id},
         // A change's old → new values, one a line (empty for most rows).
         {"detail", entry.detail.empty() ? nlohmann::json(false) : nlohmann::json(entry.detail)},
         {"outcome", store::outcome_words(entry.outcome)}});
  }
  const std::string filters = filter_query(request);
  const std::string base = "/admin/audit?" + filters + (filters.empty() ? "" : "&");
  data["rows"] = std::move(rows);
  data["count"] = page.entries.size();
  data["page"] = page_number;
  data["first_row"] = query.offset + 1;
  data["last_row"] = query.offset + page.entries.size();
  if (page.entries.empty()) data["no_rows"] = true;
  if (page_number > 1) data["previous"] = base + "page=" + std::to_string(page_number - 1);
  if (page.more) data["next"] = base + "page=" + std::to_string(page_number + 1);
  data["csv"] = "/admin/audit.csv" + (filters.empty() ? "" : "?" + filters);
  if (!filters.empty()) data["filtered"] = true;
  return show("audit", "Audit", std::move(data));
}

Reply audit_csv_download(ConsoleSite& site, RequestContext& request) {
  nlohmann::json ignored = nlohmann::json::object();
  const store::AuditQuery query = audit_query(request, ignored);
  std::ostringstream csv;
  store::export_audit_csv(site.store, query, csv);
  // The export is itself audited: who took the audit away, with which filters.
  const std::string filters = filter_query(request);
  store::append_audit(site.store, request.actor(),
                      {"audit_export", "audit", filters.empty() ? "all" : filters, "ok"});
  return send_file(Download{{}, csv.str(), "text/csv; charset=utf-8", "panelpack-audit.csv"});
}

}  // namespace panelpack::console
