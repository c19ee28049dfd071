#pragma once
// What the Settings pages share: office.json's values in words, a change's answer (audited,
// redirected, or the form again with its problems), the panel a page is about.

#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"
#include "office/settings/office_settings.hpp"

namespace panelpack::console {

// "Permanence Panel" for "permanence_panel".
std::string panel_type_words(const std::string& type);
// "3 working days before, at 17:00", "the Thursday before, at 12:00".
std::string rule_words(const nlohmann::ordered_json& rule);

// `data` without its empty "..._error" values (Mustache shows a section for any string).
nlohmann::ordered_json without_empty_errors(nlohmann::ordered_json data);

// The problems of a refused form by field id ("papersDue-count"); "" is no field.
using FieldErrors = std::map<std::string, std::string>;

// A change's answer: done (audited "setting_changed" with its detail, then a redirect to
// `done_location`), stale (audited, the form again with 409) or refused (the form again with
// 400, each problem beside its field; a problem of no field goes by `first_field`).
// `form_page` makes the page's data for the form as typed, with the errors beside the fields.
Reply answer_setting(ConsoleSite& site, RequestContext& request,
                     const office::settings::SettingsResult& result, const std::string& object_id,
                     const std::string& done_location, const std::string& page,
                     const std::string& title,
                     const std::function<nlohmann::json(const FieldErrors&)>& form_page,
                     const std::string& first_field);

}  // namespace panelpack::console
