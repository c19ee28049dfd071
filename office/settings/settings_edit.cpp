#include "office/settings/settings_edit.hpp"

#include "office/office_change.hpp"

namespace panelpack::office::settings {

std::string value_words(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string text;
    for (const Json& item : value) text += (text.empty() ? "" : ", ") + value_words(item);
    return text.empty() ? "(none)" : text;
  }
  return value.dump();
}

std::string SettingsResult::audit_detail() const {
  std::string detail;
  for (const SettingChange& change : changes) {
    detail += (detail.empty() ? "" : "\n") + change.setting + ": " + change.old_value + " → " +
              change.new_value;
  }
  return detail;
}

void SettingsEdit::set(Json& object, const std::string& key, Json value, const std::string& setting,
                       const std::string& field, const std::string& pointer) {
  bind(pointer, field);
  const bool had = object.contains(key);
  if (had && object[key] == value) return;
  changes_.push_back({setting, had ? value_words(object[key]) : "(none)", value_words(value)});
  object[key] = std::move(value);
}

void SettingsEdit::erase(Json& object, const std::string& key, const std::string& setting) {
  if (!object.contains(key)) return;
  changes_.push_back({setting, value_words(object[key]), "(none)"});
  object.erase(key);
}

void SettingsEdit::bind(const std::string& pointer, const std::string& field) {
  bindings_.emplace_back(pointer, field);
}

void SettingsEdit::refuse(const std::string& field, const std::string& message) {
  problems_.push_back({field, message});
}

std::string SettingsEdit::field_for(const std::string& pointer) const {
  std::string field;
  std::size_t longest = 0;
  for (const auto& [bound, name] : bindings_) {
    const bool prefix =
        pointer == bound || (pointer.starts_with(bound) && pointer[bound.size()] == '/');
    if (prefix && bound.size() >= longest) {
      longest = bound.size();
      field = name;
    }
  }
  return field;
}

SettingsResult edit_office(const std::filesystem::path& office_root,
                           const std::string& expected_version,
                           const std::function<void(Json& office, SettingsEdit& edit)>& edit) {
  SettingsEdit made;
  const OfficeChangeResult changed = change_office(office_root, &expected_version, [&](Json& file) {
    edit(file, made);
    return made.problems().empty();
  });
  SettingsResult result;
  if (changed.stale) {
    result.stale = true;
    result.problems.push_back(
        {"",
         "office.json changed since you opened this form (someone else saved a change). "
         "Nothing was saved: open the settings again, then make your change"});
    return result;
  }
  result.problems = made.problems();
  for (const FileProblem& problem : changed.problems) {
    result.problems.push_back({made.field_for(problem.pointer), problem_words(problem)});
  }
  result.done = changed.done;
  if (result.done) result.changes = made.changes();
  return result;
}

}  // namespace panelpack::office::settings
