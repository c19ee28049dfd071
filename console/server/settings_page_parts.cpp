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
    summary.push_back({{"text", problem.message}, {"href", "#" + field}});
    // Two problems at one field: both in the summary, the first beside it.
    errors.emplace(field, problem.message);
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
