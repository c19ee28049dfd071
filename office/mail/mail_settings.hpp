#pragma once
// Where an office keeps its mail, and the mailer's settings from office.json's "mail" section
// (docs/mail.md). Secrets are read here, when they are needed, never earlier.

#include <filesystem>
#include <optional>
#include <string>

#include "mailer/message.hpp"
#include "mailer/smtp_session.hpp"
#include "office/workspace.hpp"
#include "panel/mail_config.hpp"

namespace panelpack::office {

// OFFICE/panelpack.db: the outbox (SQLite, WAL), its spool OFFICE/panelpack.db.spool/ beside it.
std::filesystem::path outbox_path(const Workspace& workspace);
// OFFICE/outbox-dry-run/: what the last `tick --dry-run` would have sent, as .eml files.
std::filesystem::path dry_run_folder(const Workspace& workspace);
// OFFICE/.tick.lock: held by a tick while it runs.
std::filesystem::path tick_lock_path(const Workspace& workspace);
// OFFICE/tick-state.json: when the last real tick ran.
std::filesystem::path tick_state_path(const Workspace& workspace);

// office.json's mail section. Throws OfficeError (bad_input) saying how to add one, or
// when allowedDomains lists no domain to send to.
const panel::MailConfig& mail_config(const Workspace& workspace);

mailer::Address sender_address(const panel::MailConfig& mail);
std::optional<mailer::Address> reply_to_address(const panel::MailConfig& mail);

// The relay's settings, with the password read now from passwordFile (a path from the office
// folder) or passwordEnv. Throws OfficeError (bad_input) when it cannot be read.
mailer::SmtpSettings smtp_settings(const Workspace& workspace, const panel::MailConfig& mail);

// The password a panel's pack (zip and PDF) is encrypted with, from its circulation options
// (PanelConfig::circulation), or "" when it is not to be. Throws OfficeError (bad_input)
// naming the office.json key when it cannot be read or is too short.
std::string pack_password(const Workspace& workspace, const panel::CirculationConfig& circulation);

// The folder of the panel's email templates (templates.email, from the office folder).
// Throws OfficeError (bad_input) when office.json names none.
std::filesystem::path email_templates_folder(const Workspace& workspace,
                                             const panel::PanelConfig& panel);

}  // namespace panelpack::office
