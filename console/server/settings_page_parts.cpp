#include "console/server/settings_page_parts.hpp"

#include <map>

#include "office/console/audit.hpp"

namespace panelpack::console {

std::string panel_type_words(const std::string& type) {
  static const std::map<std::string, std::string> kWords{
      {"permanence_panel", "Permanence Panel"},
      {"pptm", "Permanence Planning Tracking Meeting"},
      {"aep", "Achieving Early Permanence Panel"},
      {"planning_panel", "Permanence Planning Panel"},
      {"monitoring", "Permanence Monitoring Panel"}};
  const auto found = kWords.find(type);
  return found == kWords.end() ? type : found->second;
}

std::string rule_words(const nlohmann::ordered_json& rule) {
  const std::string kind = rule.value("kind", "");
  const std::string time = rule.value("time", "");
  const long long count = rule.contains("count") && rule["count"].is_number_integer()
                              ? rule["count"].get<long long>()
                              : 1;
  if (kind == "weekday_before") {
    std::string weekday = rule.value("weekday", "");
    if (!weekday.empty()) weekday[0] = static_cast<char>(weekday[0] - 'a' + 'A');
    const std::string which = count <= 1 ? "the " : "the " + std::to_string(count) + " weeks back ";
    return which + weekday + " before, at " + time;
  }
  const std::string unit = kind == "working_days" ? "working day" : "day";
  return std::to_string(count) + " " + unit + (count == 1 ? "" : "s") + " " +
         rule.value("direction", "before") + ", at " + time;
}

nlohmann::ordered_json without_empty_errors(nlohmann::ordered_json data) {
  if (data.is_array()) {
    for (auto& item : data) item = without_empty_errors(std::move(item));
  } else if (data.is_object()) {
    for (auto it = data.begin(); it != data.end();) {
      if (it.key().ends_with("_error") && it->is_string() && it->get<std::string>().empty()) {
        it = data.erase(it);
      } else {
        *it = without_empty_errors(std::move(*it));
        ++it;
      }
    }
  }
  return data;
}

namespace {

// The words a problem is named by in the summary and beside its field: the field's own label,
// shortened (the validator's words alone, "-2 is too small", say nothing of which field).
std::string field_words(const std::string& field) {
  static const std::map<std::string, std::string, std::less<>> kFields{
      {"name", "Name"},
      {"type", "Kind of panel"},
      {"chair-name", "Chair's name"},
      {"chair-role", "Chair's role"},
      {"chair-team", "Chair's team"},
      {"chair-email", "Chair's email address"},
      {"role", "Role on the panel"},
      {"team", "Team"},
      {"email", "Email address"},
      {"host", "Relay host name"},
      {"port", "Port"},
      {"security", "Encryption (TLS)"},
      {"from-name", "Name the mail comes from"},
      {"from-email", "Address the mail comes from"},
      {"allowed-domains", "Allowed email domains"},
  };
  if (const auto found = kFields.find(field); found != kFields.end()) return found->second;
  static const std::map<std::string, std::string, std::less<>> kRules{
      {"papersDue", "Papers due"}, {"pack", "Pack circulated"}, {"minutes", "Records due"}};
  static const std::map<std::string, std::string, std::less<>> kRuleParts{
      {"kind", "how it is counted"},
      {"count", "how many days"},
      {"direction", "before or after"},
      {"weekday", "weekday"},
      {"time", "time of day"}};
  const std::size_t dash = field.find('-');
  if (dash == std::string::npos) return {};
  const auto rule = kRules.find(field.substr(0, dash));
  const auto part = kRuleParts.find(field.substr(dash + 1));
  if (rule == kRules.end() || part == kRuleParts.end()) return {};
  return rule->second + ", " + part->second;
}

}  // namespace

Reply answer_setting(ConsoleSite& site, RequestContext& request,
                     const office::settings::SettingsResult& result, const std::string& object_id,
                     const std::string& done_location, const std::string& page,
                     const std::string& title,
                     const std::function<nlohmann::json(const FieldErrors&)>& form_page,
                     const std::string& first_field) {
  if (result.done) {
    if (!result.changes.empty()) {
      office::console::append_audit(
          site.store, request.actor(),
          {"setting_changed", "setting", object_id, "ok", result.audit_detail()});
    }
    return redirect_to(done_location);
  }
  if (result.stale) {
    office::console::append_audit(site.store, request.actor(),
                                  {"setting_changed", "setting", object_id, "stale"});
  }
  FieldErrors errors;
  nlohmann::json summary = nlohmann::json::array();
  for (const office::settings::SettingProblem& problem : result.problems) {
    const std::string field = problem.field.empty() ? first_field : problem.field;
    const std::string words = field_words(problem.field);
    const std::string message = words.empty() ? problem.message : words + ": " + problem.message;
    summary.push_back({{"text", message}, {"href", "#" + field}});
    // Two problems at one field: both in the summary, the first beside it.
    errors.emplace(field, message);
  }
  nlohmann::json data = form_page(errors);
  data["has_errors"] = true;
  data["errors"] = std::move(summary);
  if (result.stale) data["stale"] = true;
  return show(page, title, std::move(data),
              result.stale ? Poco::Net::HTTPResponse::HTTP_CONFLICT
                           : Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
}

}  // namespace panelpack::console
