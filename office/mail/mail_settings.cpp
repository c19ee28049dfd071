#include "office/mail/mail_settings.hpp"

#include "office/error.hpp"
#include "office/mail/secrets.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

// The secret a SecretSource names; `setting` is its place in office.json, for messages.
std::string read_secret(const Workspace& workspace, const panel::SecretSource& source,
                        const std::string& setting, const std::string& what) {
  if (!source.file.empty()) {
    return secret_from_file(workspace.resolve(source.file).string(),
                            what + " (office.json " + setting + "/passwordFile names it)");
  }
  return secret_from_environment(workspace.machine(), source.environment,
                                 "office.json " + setting + "/passwordEnv");
}

}  // namespace

fs::path outbox_path(const Workspace& workspace) {
  return workspace.root() / "panelpack.db";
}

fs::path dry_run_folder(const Workspace& workspace) {
  return workspace.root() / "outbox-dry-run";
}

fs::path tick_lock_path(const Workspace& workspace) {
  return workspace.root() / ".tick.lock";
}

fs::path tick_state_path(const Workspace& workspace) {
  return workspace.root() / "tick-state.json";
}

const panel::MailConfig& mail_config(const Workspace& workspace) {
  if (!workspace.office().mail) {
    throw OfficeError(OfficeError::Code::bad_input,
                      (workspace.root() / "office.json").string() +
                          ": /mail: no mail section, so there is no relay to send through; "
                          "add one (docs/mail.md shows the fields)");
  }
  // Case mail is OFFICIAL-SENSITIVE: it goes only where the office has said it may.
  if (workspace.office().allowed_domains.empty()) {
    throw OfficeError(OfficeError::Code::bad_input,
                      (workspace.root() / "office.json").string() +
                          ": /allowedDomains: no domains are listed, so no mail may go; list "
                          "the domains of the council and its partners");
  }
  return *workspace.office().mail;
}

mailer::Address sender_address(const panel::MailConfig& mail) {
  return {mail.from.name, mail.from.email};
}

std::optional<mailer::Address> reply_to_address(const panel::MailConfig& mail) {
  if (!mail.reply_to) return std::nullopt;
  return mailer::Address{mail.reply_to->name, mail.reply_to->email};
}

mailer::SmtpSettings smtp_settings(const Workspace& workspace, const panel::MailConfig& mail) {
  mailer::SmtpSettings settings;
  settings.host = mail.smtp.host;
  settings.port = static_cast<std::uint16_t>(mail.smtp.port);
  settings.security = mail.smtp.security == panel::SmtpConfig::Security::plain
                          ? mailer::SmtpSettings::Security::plain
                          : mailer::SmtpSettings::Security::starttls;
  settings.username = mail.smtp.username;
  if (!mail.smtp.username.empty()) {
    settings.password =
        read_secret(workspace, mail.smtp.password, "/mail/smtp", "the relay account's password");
  }
  settings.connect_timeout = std::chrono::seconds{mail.smtp.connect_timeout_seconds};
  settings.read_timeout = std::chrono::seconds{mail.smtp.read_timeout_seconds};
  if (!mail.smtp.ca_file.empty()) settings.ca_file = workspace.resolve(mail.smtp.ca_file);
  return settings;
}

std::string pack_password(const Workspace& workspace, const panel::CirculationConfig& circulation) {
  const panel::SecretSource& source = circulation.zip_password;
  if (source.empty()) return "";
  const std::string what =
      "the pack password (at least " + std::to_string(kMinimumZipPasswordLength) + " characters)";
  const std::string password = read_secret(workspace, source, circulation.password_setting, what);
  check_zip_password(password, source.file.empty() ? "$" + source.environment
                                                   : workspace.resolve(source.file).string());
  return password;
}

fs::path email_templates_folder(const Workspace& workspace, const panel::PanelConfig& panel) {
  return workspace.template_path("email", &panel);
}

}  // namespace panelpack::office
