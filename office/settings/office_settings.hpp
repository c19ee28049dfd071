#pragma once
// The Settings pages' changes to office.json, each from the values a form typed: a panel's name,
// kind and deadline rules; its members (add, change, remove); the mail settings (relay, from
// address, allowed domains; never a password, which stays in its file or variable); the
// office's template files. Each is one edit (settings_edit.hpp): refused with problems by field,
// or stale, or made with its old and new values for the audit. Nothing else in office.json
// changes.

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "office/settings/settings_edit.hpp"

namespace panelpack::office::settings {

// office.json as a form opens it: its version (office_change.hpp) and its values in order.
struct OfficeFile {
  std::string version;
  Json json;
};
OfficeFile read_office_file(const std::filesystem::path& office_root);

// The deadline rules a panel's form edits, as office.json names them: papersDue (papers due),
// pack (pack circulated), minutes (records due).
const std::vector<std::string>& rule_keys();

// One deadline rule as typed. kind "" means the panel follows the office's rule.
struct RuleForm {
  std::string kind;  // working_days, calendar_days, weekday_before, or ""
  std::string count;
  std::string direction;  // before, after
  std::string weekday;    // monday... (weekday_before)
  std::string time;       // HH:MM
};

struct MemberForm {
  std::string name;
  std::string role;
  std::string team;
  std::string email;
};

struct PanelForm {
  std::string name;
  std::string type;                       // common.schema.json's PanelType
  std::map<std::string, RuleForm> rules;  // by rule_keys(); a key left out is not changed
  std::optional<MemberForm> chair{};      // nothing: the chair is not changed
};

// Fields: "name", "type", and for each rule KEY "KEY-kind", "KEY-count", "KEY-direction",
// "KEY-weekday", "KEY-time", and for the chair "chair-name", "chair-role", "chair-team",
// "chair-email".
SettingsResult change_panel(const std::filesystem::path& office_root, const std::string& version,
                            const std::string& panel_id, const PanelForm& form);

// Fields "name", "role", "team", "email". `index` counts from 0 in the panel's members.
SettingsResult add_member(const std::filesystem::path& office_root, const std::string& version,
                          const std::string& panel_id, const MemberForm& form);
SettingsResult change_member(const std::filesystem::path& office_root, const std::string& version,
                             const std::string& panel_id, std::size_t index,
                             const MemberForm& form);
SettingsResult remove_member(const std::filesystem::path& office_root, const std::string& version,
                             const std::string& panel_id, std::size_t index);

struct MailForm {
  std::string host;
  std::string port;      // "" for the default (587)
  std::string security;  // starttls, plain
  std::string from_name;
  std::string from_email;
  std::string allowed_domains;  // one a line (commas and spaces separate too); "" for none
};

// Fields "host", "port", "security", "from-name", "from-email", "allowed-domains".
SettingsResult change_mail(const std::filesystem::path& office_root, const std::string& version,
                           const MailForm& form);

// The kinds of document with a template, as office.json's templates name them.
const std::vector<std::string>& template_kinds();

// Each kind's path from the office folder ("" for the template installed with panelpack); a kind
// left out is not changed. Fields "template-KIND".
SettingsResult change_templates(const std::filesystem::path& office_root,
                                const std::string& version,
                                const std::map<std::string, std::string>& paths);

}  // namespace panelpack::office::settings
