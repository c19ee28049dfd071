#pragma once
// What a Settings form does to office.json, as one edit: each value it sets is recorded with
// its old and new value (for the audit) and the form field it came from (so a problem the
// validation finds at that key is shown beside that field). The edit is made through
// change_office (office/office_change.hpp): under the lock, against the form's version,
// validated as `panelpack validate` validates, written atomically.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace panelpack::office::settings {

using Json = nlohmann::ordered_json;

// A problem beside a form field (`field` is the field's name and id; empty: the whole form).
struct SettingProblem {
  std::string field;
  std::string message;
};

// One setting changed: "permanence name", "Old name", "New name".
struct SettingChange {
  std::string setting;
  std::string old_value;  // "(none)" when it was not set
  std::string new_value;  // "(none)" when it is taken out
};

struct SettingsResult {
  bool done = false;
  bool stale = false;  // office.json changed since the form was opened: nothing changed
  std::vector<SettingProblem> problems;
  std::vector<SettingChange> changes;  // when done: what changed (empty: nothing did)

  // The changes as the audit's detail: "setting: old → new", one a line.
  std::string audit_detail() const;
};

// The values a form sets, recorded as they are set.
class SettingsEdit {
 public:
  // Sets `object[key]` to `value` unless it is so already (a value not changed keeps its bytes
  // and its place); records the change as `setting` and binds `pointer` (the key's JSON
  // pointer) to `field`.
  void set(Json& object, const std::string& key, Json value, const std::string& setting,
           const std::string& field, const std::string& pointer);
  // Takes `key` out of `object` when it is there (recorded as a change to "(none)").
  void erase(Json& object, const std::string& key, const std::string& setting);
  // Records a change made another way (a member added or removed).
  void record(SettingChange change) { changes_.push_back(std::move(change)); }
  // Binds a pointer to a field without setting anything.
  void bind(const std::string& pointer, const std::string& field);
  // A problem of the typed input (not a whole number...): the edit will not be saved.
  void refuse(const std::string& field, const std::string& message);

  const std::vector<SettingChange>& changes() const { return changes_; }
  const std::vector<SettingProblem>& problems() const { return problems_; }
  // The field a validation problem at `pointer` is shown beside: the longest bound prefix.
  std::string field_for(const std::string& pointer) const;

 private:
  std::vector<SettingChange> changes_;
  std::vector<SettingProblem> problems_;
  std::vector<std::pair<std::string, std::string>> bindings_;  // pointer, field
};

// A value in words for the audit and the summary: a string as it is, a list joined with ", ",
// anything else as JSON.
std::string value_words(const Json& value);

// Makes `edit` on office.json (see the header's comment). A refusal of the typed input or of
// the validation comes back as problems by their fields, with nothing written.
SettingsResult edit_office(const std::filesystem::path& office_root,
                           const std::string& expected_version,
                           const std::function<void(Json& office, SettingsEdit& edit)>& edit);

}  // namespace panelpack::office::settings
