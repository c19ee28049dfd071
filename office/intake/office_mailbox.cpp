#include "office/intake/office_mailbox.hpp"

#include "mailer/mail_error.hpp"
#include "mailer/outbox.hpp"
#include "office/error.hpp"
#include "office/intake/intake_run.hpp"
#include "office/intake/intake_status.hpp"
#include "office/intake/unmatched.hpp"
#include "office/mail/mail_settings.hpp"
#include "office/mail/secrets.hpp"

namespace panelpack::office {

const panel::IntakeConfig& intake_config(const Workspace& workspace) {
  const auto& mail = workspace.office().mail;
  if (!mail || !mail->intake) {
    throw OfficeError(OfficeError::Code::bad_input,
                      (workspace.root() / "office.json").string() +
                          ": /mail/intake: no submission mailbox is set, so there is nothing to "
                          "read; add one (docs/mail.md, Papers by mail, shows the fields)",
                      {(workspace.root() / "office.json").string(), "/mail/intake"});
  }
  return *mail->intake;
}

mailer::ImapSettings imap_settings(const Workspace& workspace, const panel::IntakeConfig& config) {
  mailer::ImapSettings settings;
  settings.host = config.host;
  settings.port = config.port;
  switch (config.security) {
    case panel::IntakeConfig::Security::imaps:
      settings.security = mailer::ImapSettings::Security::imaps;
      break;
    case panel::IntakeConfig::Security::starttls:
      settings.security = mailer::ImapSettings::Security::starttls;
      break;
    case panel::IntakeConfig::Security::plain:
      settings.security = mailer::ImapSettings::Security::plain;
      break;
  }
  settings.username = config.username;
  if (!config.password.empty()) {
    const std::string what = "the submission mailbox's password";
    settings.password =
        config.password.file.empty()
            ? secret_from_environment(workspace.machine(), config.password.environment,
                                      "office.json /mail/intake/passwordEnv")
            : secret_from_file(workspace.resolve(config.password.file).string(),
                               what + " (office.json /mail/intake/passwordFile names it)");
  }
  if (!config.ca_file.empty()) settings.ca_file = workspace.resolve(config.ca_file).string();
  settings.folder = config.folder;
  settings.processed = config.processed == panel::IntakeConfig::Processed::move
                           ? mailer::ImapSettings::Processed::move
                           : mailer::ImapSettings::Processed::flag;
  settings.processed_folder = config.processed_folder;
  settings.connect_timeout_seconds = config.connect_timeout_seconds;
  settings.read_timeout_seconds = config.read_timeout_seconds;
  return settings;
}

std::size_t largest_message_read(const panel::IntakeConfig& config) {
  const auto cap = static_cast<std::size_t>(config.max_attachment_bytes);
  return cap / 3 * 4 + cap / 10 + (1U << 20);
}

IntakeResult run_office_intake_or_mail_error(const Workspace& workspace,
                                             const IntakeRequest& request) {
  const panel::IntakeConfig& config = intake_config(workspace);
  mail_config(workspace);  // replies need the sender and allowedDomains: said before reading
  const mailer::ImapSettings settings = imap_settings(workspace, config);
  try {
    mailer::Outbox outbox = [&] {
      try {
        return mailer::Outbox(outbox_path(workspace));
      } catch (const mailer::MailError& error) {
        throw OfficeError(OfficeError::Code::machine_failure,
                          outbox_path(workspace).string() + ": " + error.what());
      }
    }();
    const std::unique_ptr<mailer::ImapMailbox> mailbox = mailer::open_imap_mailbox(settings);
    return intake_messages(workspace, *mailbox, outbox, request);
  } catch (const mailer::MailError& failure) {
    write_failed_intake_status(workspace, request.now, failure.code(), failure.what());
    throw;
  }
}

IntakeResult run_office_intake(const Workspace& workspace, const IntakeRequest& request) {
  try {
    return run_office_intake_or_mail_error(workspace, request);
  } catch (const mailer::MailError& failure) {
    throw OfficeError(OfficeError::Code::machine_failure,
                      std::string(failure.what()) +
                          "; nothing was lost: the messages wait in "
                          "the mailbox for the next run");
  }
}

}  // namespace panelpack::office
